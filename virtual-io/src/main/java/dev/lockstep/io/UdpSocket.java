package dev.lockstep.io;

import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A UDP socket: datagrams that may be lost, duplicated or reordered.
 *
 * <h2>Returns</h2>
 * {@link #bind} completes in its first poll. {@link #send} completes with the datagram's size
 * once the socket took it (not once it arrived). {@link #receive} completes with the sender's
 * address once a datagram is there; the payload is put into {@code dst}, and what does not fit
 * is discarded, as with {@link java.nio.channels.DatagramChannel#receive}.
 *
 * <h2>Waker</h2>
 * A pending receive holds a {@link Interest#READABLE} registration, a pending send a
 * {@link Interest#WRITABLE} one; see {@link Registration}.
 *
 * <h2>Cancellation</h2>
 * A cancelled receive deregisters and takes no datagram.
 *
 * <h2>Errors</h2>
 * {@link AddressInUseException} from {@code bind} when the port is taken; {@link NoSuchHostException}
 * from {@code bind} of an address that is not this host's, and from {@code send} to a name that
 * is no host; {@link SocketClosedException} after {@link #close()}; a plain {@link NetException}
 * from {@code send} of more than 65,507 bytes, what a UDP datagram over IPv4 carries
 * ({@code EMSGSIZE}). A datagram to a port where nothing listens is dropped, not an error (in
 * simulation the drop is traced).
 *
 * <h2>Determinism</h2>
 * In simulation, loss, duplication, reordering and latency are decisions of the run's choices,
 * and every dropped or duplicated datagram is a trace event.
 */
public final class UdpSocket implements AutoCloseable {
    private final Reactor reactor;
    private final UdpSource source;

    private UdpSocket(Reactor reactor, UdpSource source) {
        this.reactor = reactor;
        this.source = source;
    }

    /** A future of a socket bound to {@code local}; port 0 picks a free port (see {@link #localAddress()}). */
    public static Future<UdpSocket> bind(InetSocketAddress local) {
        Objects.requireNonNull(local, "UdpSocket.bind: address is null");
        return new OnFirstPoll<>("bind UDP " + local, cx -> {
            Reactor reactor = Reactor.of(cx);
            return new UdpSocket(reactor, reactor.bindUdp(local));
        });
    }

    /** A future that sends the bytes left in {@code src} as one datagram to {@code target}. */
    public Future<Integer> send(ByteBuffer src, InetSocketAddress target) {
        Objects.requireNonNull(src, "send: buffer is null");
        Objects.requireNonNull(target, "send: target address is null");
        return new IoFuture<>(reactor, source, Interest.WRITABLE, "send", () -> {
            int size = src.remaining();
            return source.send(src, target) ? Poll.ready(size) : Poll.pending();
        });
    }

    /** A future of the next datagram: its payload goes into {@code dst}, its sender is the value. */
    public Future<InetSocketAddress> receive(ByteBuffer dst) {
        Objects.requireNonNull(dst, "receive: buffer is null");
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("receive: the buffer is read-only, so nothing can be received into it");
        }
        return new IoFuture<>(reactor, source, Interest.READABLE, "receive", () -> {
            InetSocketAddress from = source.receive(dst);
            return from == null ? Poll.pending() : Poll.ready(from);
        });
    }

    /** The bound address, with the actual port. */
    public InetSocketAddress localAddress() {
        return source.localAddress();
    }

    /** Closes the socket and frees the port; pending futures fail with {@link SocketClosedException}. Idempotent. */
    @Override
    public void close() {
        source.close();
    }

    /** The backend socket. */
    public UdpSource source() {
        return source;
    }

    @Override
    public String toString() {
        return "UdpSocket[" + source.localAddress() + (source.isOpen() ? "" : ", closed") + "]";
    }
}
