package dev.lockstep.io;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** A TCP connection of a {@link Reactor}; see {@link IoSource} for the conventions. */
public interface TcpStreamSource extends IoSource {

    /**
     * Whether the handshake of a connection made with {@link Reactor#connectTcp} has completed;
     * {@code false} while it is in progress ({@link Interest#WRITABLE} signals its end). Always
     * {@code true} for an accepted connection.
     *
     * @throws ConnectionRefusedException if nothing listens at the address
     */
    boolean finishConnect();

    /**
     * Reads into {@code dst}: the number of bytes read (at least 1), {@code -1} at end of stream
     * (the peer shut down its output and everything before was read), or {@code 0} when nothing
     * is buffered yet ({@link Interest#READABLE} signals more). {@code dst} must have room.
     *
     * @throws ConnectionResetException if the connection was reset
     * @throws SocketClosedException    if this side closed the stream
     */
    int read(ByteBuffer dst);

    /**
     * Writes from {@code src}: the number of bytes taken (at least 1), or {@code 0} when the send
     * buffer is full ({@link Interest#WRITABLE} signals room). {@code src} must have bytes left.
     *
     * @throws WriteAfterShutdownException after {@link #shutdownOutput()}
     * @throws ConnectionResetException    if the connection was reset
     * @throws SocketClosedException       if this side closed the stream
     */
    int write(ByteBuffer src);

    /**
     * Sends end-of-stream after the bytes already written (a FIN); reading stays possible.
     * Idempotent.
     */
    void shutdownOutput();

    /** Closes with a reset instead of an orderly end-of-stream ({@code SO_LINGER 0}). */
    void closeAbruptly();

    /** This end's address. */
    InetSocketAddress localAddress();

    /** The other end's address. */
    InetSocketAddress peerAddress();
}
