/**
 * The production backend: a reactor over {@code java.nio.channels.Selector} (epoll on Linux) and a
 * single-threaded real-time runtime ({@code RealRuntime}), so the same futures run outside simulation.
 */
package dev.lockstep.io.nio;
