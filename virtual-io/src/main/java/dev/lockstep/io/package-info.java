/**
 * The I/O API user code writes against, identical in simulation and production:
 * {@link dev.lockstep.io.TcpListener}, {@link dev.lockstep.io.TcpStream}, {@link dev.lockstep.io.UdpSocket},
 * every operation a future, over the {@link dev.lockstep.io.Reactor} SPI (the epoll replacement: register a
 * source and an interest, store the waker, wake on readiness). Failures are
 * {@link dev.lockstep.io.NetException}s naming host, peer, virtual time and replay string.
 */
package dev.lockstep.io;
