package dev.lockstep.io;

import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A TCP connection: an ordered, reliable byte stream in each direction, until a reset.
 *
 * <h2>Returns</h2>
 * <ul>
 *   <li>{@link #read}: bytes read, at least 1; {@code -1} at end of stream; {@code 0} at once
 *       when {@code dst} has no room. A read returns what has arrived, so one message may take
 *       several reads.
 *   <li>{@link #write}: bytes taken into the send buffer, at least 1 ({@code 0} at once when
 *       {@code src} is empty). When the buffer is full, {@code write} is {@code Pending} until the
 *       peer reads: backpressure. {@link #writeAll} writes everything.
 *   <li>{@link #shutdownOutput()} and {@link #close()} do not wait: end-of-stream is queued after
 *       the bytes already written, as a kernel does.
 * </ul>
 *
 * <h2>Waker</h2>
 * A pending read holds a {@link Interest#READABLE} registration, a pending write a
 * {@link Interest#WRITABLE} one; see {@link Registration}. A reader and a writer may wait at the
 * same time (in two tasks, or joined in one).
 *
 * <h2>Cancellation</h2>
 * A cancelled read or write deregisters and loses nothing: data moves only in a poll that
 * returns {@code Ready}. A cancelled {@code writeAll} may have written part of its buffer; its
 * position tells how much.
 *
 * <h2>Errors</h2>
 * {@link ConnectionRefusedException} and {@link NoSuchHostException} from {@link #connect}, and
 * {@link AddressInUseException} when the host has no free ephemeral port left for it;
 * {@link ConnectionResetException} once the peer crashed or reset; {@link SocketClosedException}
 * after {@link #close()}; {@link WriteAfterShutdownException} for a write after
 * {@link #shutdownOutput()}. Each names host, peer, time and (in simulation) the replay string.
 *
 * <h2>Determinism</h2>
 * In simulation, how bytes split across reads and when they arrive are decisions of the run's
 * choices (latency, jitter, bandwidth); the bytes and their order are not.
 */
public final class TcpStream implements AutoCloseable {
    private final Reactor reactor;
    private final TcpStreamSource source;

    TcpStream(Reactor reactor, TcpStreamSource source) {
        this.reactor = reactor;
        this.source = source;
    }

    /**
     * A stream over {@code source}, whose futures register with {@code reactor}: for reactor
     * backends and test doubles such as {@code dev.lockstep.io.mock.MockIo}; user code gets its
     * streams from {@link #connect} and {@link TcpListener#accept()}.
     */
    public static TcpStream over(Reactor reactor, TcpStreamSource source) {
        return new TcpStream(Objects.requireNonNull(reactor, "reactor"), Objects.requireNonNull(source, "source"));
    }

    /** A future of a connection to {@code remote}; the handshake starts at its first poll. */
    public static Future<TcpStream> connect(InetSocketAddress remote) {
        return new ConnectFuture(Objects.requireNonNull(remote, "TcpStream.connect: address is null"));
    }

    /** A future that reads into {@code dst} once data (or end of stream) is there; see the class doc. */
    public Future<Integer> read(ByteBuffer dst) {
        Objects.requireNonNull(dst, "read: buffer is null");
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("read: the buffer is read-only, so nothing can be read into it");
        }
        return new IoFuture<>(reactor, source, Interest.READABLE, "read", () -> {
            if (!dst.hasRemaining()) {
                return Poll.ready(0);
            }
            int n = source.read(dst);
            return n == 0 ? Poll.pending() : Poll.ready(n);
        });
    }

    /** A future that writes some of {@code src} once the send buffer has room; see the class doc. */
    public Future<Integer> write(ByteBuffer src) {
        Objects.requireNonNull(src, "write: buffer is null");
        return new IoFuture<>(reactor, source, Interest.WRITABLE, "write", () -> {
            if (!src.hasRemaining()) {
                return Poll.ready(0);
            }
            int n = source.write(src);
            return n == 0 ? Poll.pending() : Poll.ready(n);
        });
    }

    /** A future that writes every byte left in {@code src}, waiting for room as often as needed. */
    public Future<Void> writeAll(ByteBuffer src) {
        Objects.requireNonNull(src, "writeAll: buffer is null");
        return new IoFuture<>(reactor, source, Interest.WRITABLE, "writeAll", () -> {
            while (src.hasRemaining()) {
                if (source.write(src) == 0) {
                    return Poll.pending();
                }
            }
            return Poll.ready(null);
        });
    }

    /** Sends end-of-stream after the bytes written so far; reading stays possible. Idempotent. */
    public void shutdownOutput() {
        source.shutdownOutput();
    }

    /**
     * Closes the stream: end-of-stream is sent after the bytes written so far, and pending
     * futures of this stream are woken to fail with {@link SocketClosedException}. As a kernel
     * does, the connection is reset instead if received bytes were left unread, and data that
     * arrives afterwards makes the peer's connection reset. Idempotent.
     */
    @Override
    public void close() {
        source.close();
    }

    /**
     * Closes with a reset instead of an end-of-stream ({@code SO_LINGER 0}): the peer's next read
     * or write fails with {@link ConnectionResetException}. Idempotent.
     */
    public void closeAbruptly() {
        source.closeAbruptly();
    }

    /** This end's address. */
    public InetSocketAddress localAddress() {
        return source.localAddress();
    }

    /** The other end's address. */
    public InetSocketAddress peerAddress() {
        return source.peerAddress();
    }

    /** The backend socket. */
    public TcpStreamSource source() {
        return source;
    }

    @Override
    public String toString() {
        return "TcpStream[" + source.localAddress() + " -> " + source.peerAddress()
                + (source.isOpen() ? "" : ", closed") + "]";
    }
}
