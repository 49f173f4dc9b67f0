package dev.lockstep.io.sim;

import dev.lockstep.io.Interest;
import dev.lockstep.io.IoSource;
import dev.lockstep.io.SocketClosedException;

/**
 * What the three simulated sockets share: their host and the host's incarnation they belong to,
 * their registrations, and the check every operation starts with.
 *
 * <p>States: open; closed by the application; closed by the OS because its host's process was
 * {@linkplain SimNetwork#kill killed} ({@code killed}, with {@code closed}); or dead, because its
 * host crashed. A dead or killed socket fails every operation with {@link SocketClosedException}
 * naming the crash or the kill.
 */
abstract sealed class SimSocket implements IoSource permits SimTcpListener, SimTcpStream, SimUdpSocket {
    final SimNetwork net;
    final SimHost host;
    final Waiters waiters;
    /** Closed by the application. */
    boolean closed;
    /** Its host crashed; set by {@link #kill()}. */
    boolean dead;
    /** Closed by the OS when its host's process was killed; set with {@code closed} by {@link #closeByKill()}. */
    boolean killed;

    SimSocket(SimNetwork net, SimHost host) {
        this.net = net;
        this.host = host;
        this.waiters = new Waiters(net);
    }

    /** Whether an operation waiting for {@code interest} would not block now. */
    abstract boolean isReady(Interest interest);

    /** The other end for error messages, or {@code "-"}. */
    abstract String peer();

    /** What this socket is, for error messages ("TCP stream c3 :49152", ...). */
    abstract String label();

    /** The host crashed: release everything without the niceties of a close. */
    abstract void kill();

    /**
     * The host's process was killed: the OS closes the socket as {@code close()} would (a FIN, or
     * a reset where received bytes are unread), and the application never uses it again.
     */
    abstract void closeByKill();

    /** Throws if the socket can no longer be used. */
    final void checkUsable(String operation) {
        if (dead) {
            throw new SocketClosedException(operation + " on " + label() + " of host " + host.name()
                    + ", which crashed since the socket was made (its sockets died with it)", host.name(), peer(),
                    net.runtime(), null);
        }
        if (killed) {
            throw new SocketClosedException(operation + " on " + label() + " of host " + host.name()
                    + ", whose process was killed since the socket was made (the OS closed its sockets)", host.name(),
                    peer(), net.runtime(), null);
        }
        if (closed) {
            throw new SocketClosedException(operation + " on " + label() + " after it was closed", host.name(), peer(),
                    net.runtime(), null);
        }
    }

    @Override
    public boolean isOpen() {
        return !closed && !dead;
    }

    @Override
    public String toString() {
        return label() + "@" + host.name() + (dead ? " (dead)" : killed ? " (killed)" : closed ? " (closed)" : "");
    }
}
