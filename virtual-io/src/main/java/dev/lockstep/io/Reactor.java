package dev.lockstep.io;

import dev.lockstep.future.Context;
import dev.lockstep.future.Waker;
import java.net.InetSocketAddress;

/**
 * The event source of sockets, and the service I/O futures find through their context: the
 * replacement for epoll. In a simulation it is the simulated network's reactor (virtual time,
 * every event a recorded decision); in production, {@code NioReactor} over a
 * {@link java.nio.channels.Selector}. {@link TcpListener}, {@link TcpStream} and
 * {@link UdpSocket} are written against this interface only, so the same user code runs on
 * both.
 *
 * <h2>Sources and interest</h2>
 * The reactor makes sockets ({@link IoSource}s) with non-blocking operations. A future tries an
 * operation; when it would block, the future {@linkplain #register registers} the source with an
 * {@link Interest} and the waker of its poll, and returns {@code Pending}. The reactor wakes the
 * waker once the source is ready for that interest (readiness is level-triggered: a source that
 * is ready already is woken at once), and the future retries. A registration is one-shot; see
 * {@link Registration}.
 *
 * <h2>Waker</h2>
 * A source may have several registrations (a reader and a writer, or two readers); each is woken
 * on its own. A registration whose future was polled again with a new waker is updated in place
 * ({@link Registration#updateWaker}).
 *
 * <h2>Cancellation</h2>
 * A cancelled future {@linkplain Registration#deregister() deregisters}; {@link #registrations()}
 * counts the active ones, so a test can check that nothing leaked. Closing a source wakes all
 * its registrations.
 *
 * <h2>Errors</h2>
 * Every method fails with the {@link NetException} family; see each source type.
 *
 * <h2>Threads</h2>
 * A reactor belongs to its runtime's thread.
 */
public interface Reactor {

    /**
     * The reactor of the runtime polling {@code cx}.
     *
     * @throws IllegalStateException if none is installed, naming how to install one
     */
    static Reactor of(Context cx) {
        Reactor r = cx.runtime().service(Reactor.class);
        if (r == null) {
            throw new IllegalStateException("no Reactor on this runtime, so sockets cannot be used: in a simulation"
                    + " create the network first (SimNetwork.create(sim)); in production run the future on"
                    + " RealRuntime (" + cx.runtime().describe() + ")");
        }
        return r;
    }

    /**
     * A TCP listener bound to {@code local} (port 0: a free port).
     *
     * @throws AddressInUseException if another listener holds the port
     * @throws NoSuchHostException   if the address is not one of this host's
     */
    TcpListenerSource bindTcp(InetSocketAddress local);

    /**
     * A TCP stream whose handshake to {@code remote} has started; see
     * {@link TcpStreamSource#finishConnect()}.
     *
     * @throws NoSuchHostException if {@code remote} names no host
     */
    TcpStreamSource connectTcp(InetSocketAddress remote);

    /**
     * A UDP socket bound to {@code local} (port 0: a free port).
     *
     * @throws AddressInUseException if another UDP socket holds the port
     * @throws NoSuchHostException   if the address is not one of this host's
     */
    UdpSource bindUdp(InetSocketAddress local);

    /**
     * Wakes {@code waker} once {@code source} is ready for {@code interest}.
     *
     * @throws IllegalArgumentException if {@code source} was made by another reactor
     */
    Registration register(IoSource source, Interest interest, Waker waker);

    /** How many registrations are active: none should remain once every I/O future is done or cancelled. */
    int registrations();
}
