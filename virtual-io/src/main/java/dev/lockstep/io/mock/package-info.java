/**
 * Scripted I/O for tests, in the style of tokio-test's {@code io::Builder}:
 * {@link dev.lockstep.io.mock.MockIo} is a {@link dev.lockstep.io.TcpStream} that plays a script
 * of reads, expected writes, waits and errors, and fails with a clear message when the code under
 * test writes something else.
 */
package dev.lockstep.io.mock;
