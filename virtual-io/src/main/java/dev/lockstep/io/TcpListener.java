package dev.lockstep.io;

import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A listening TCP socket.
 *
 * <pre>{@code
 * TcpListener.bind(InetSocketAddress.createUnresolved("db-1", 5432))   // simulation
 * TcpListener.bind(new InetSocketAddress("127.0.0.1", 0))              // production, any port
 *     .then(listener -> listener.accept())
 * }</pre>
 *
 * <h2>Returns</h2>
 * {@link #bind} completes in its first poll; {@link #accept()} completes with the next
 * established connection, in arrival order.
 *
 * <h2>Waker</h2>
 * A pending {@code accept} holds a {@link Interest#READABLE} registration with the runtime's
 * {@link Reactor}; see {@link Registration}.
 *
 * <h2>Cancellation</h2>
 * A cancelled {@code accept} deregisters and takes no connection: the next {@code accept} gets it.
 *
 * <h2>Errors</h2>
 * {@link AddressInUseException} from {@code bind} when the port is taken;
 * {@link NoSuchHostException} from {@code bind} of an address that is not this host's (in
 * simulation, another host's name);
 * {@link SocketClosedException} from {@code accept} once the listener is closed (a pending
 * accept is woken to see it); {@link IllegalStateException} when the runtime has no reactor.
 *
 * <h2>Determinism</h2>
 * In simulation, connections arrive in the order the network delivers their handshakes, which
 * the run's choices decide.
 */
public final class TcpListener implements AutoCloseable {
    private final Reactor reactor;
    private final TcpListenerSource source;

    private TcpListener(Reactor reactor, TcpListenerSource source) {
        this.reactor = reactor;
        this.source = source;
    }

    /** A future of a listener bound to {@code local}; port 0 picks a free port (see {@link #localAddress()}). */
    public static Future<TcpListener> bind(InetSocketAddress local) {
        Objects.requireNonNull(local, "TcpListener.bind: address is null");
        return new OnFirstPoll<>("bind TCP " + local, cx -> {
            Reactor reactor = Reactor.of(cx);
            return new TcpListener(reactor, reactor.bindTcp(local));
        });
    }

    /** A future of the next incoming connection. */
    public Future<TcpStream> accept() {
        return new IoFuture<>(reactor, source, Interest.READABLE, "accept", () -> {
            TcpStreamSource s = source.accept();
            return s == null ? Poll.pending() : Poll.ready(new TcpStream(reactor, s));
        });
    }

    /** The bound address, with the actual port. */
    public InetSocketAddress localAddress() {
        return source.localAddress();
    }

    /** Stops listening and frees the port; pending accepts fail with {@link SocketClosedException}. Idempotent. */
    @Override
    public void close() {
        source.close();
    }

    /** The backend socket. */
    public TcpListenerSource source() {
        return source;
    }

    @Override
    public String toString() {
        return "TcpListener[" + source.localAddress() + (source.isOpen() ? "" : ", closed") + "]";
    }
}
