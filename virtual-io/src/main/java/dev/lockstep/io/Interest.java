package dev.lockstep.io;

/**
 * What a future waits for on an {@link IoSource}, as with epoll's {@code EPOLLIN}/{@code EPOLLOUT}.
 */
public enum Interest {
    /**
     * Data to read, end-of-stream, a reset, or (on a listener) a connection to accept, or (on a
     * UDP socket) a datagram to receive.
     */
    READABLE,
    /** Room in the send buffer, a reset, or (on a connecting stream) the end of the handshake. */
    WRITABLE
}
