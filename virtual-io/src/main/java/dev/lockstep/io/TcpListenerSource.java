package dev.lockstep.io;

import java.net.InetSocketAddress;

/** A listening TCP socket of a {@link Reactor}; see {@link IoSource} for the conventions. */
public interface TcpListenerSource extends IoSource {

    /** The address and port the listener is bound to (the chosen port when bound to port 0). */
    InetSocketAddress localAddress();

    /**
     * The next established connection, or {@code null} when none is waiting ({@link
     * Interest#READABLE} signals one).
     *
     * @throws SocketClosedException if the listener was closed
     */
    TcpStreamSource accept();
}
