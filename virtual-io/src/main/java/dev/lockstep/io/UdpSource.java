package dev.lockstep.io;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** A UDP socket of a {@link Reactor}; see {@link IoSource} for the conventions. */
public interface UdpSource extends IoSource {

    /** The address and port the socket is bound to (the chosen port when bound to port 0). */
    InetSocketAddress localAddress();

    /**
     * Sends the bytes left in {@code src} as one datagram to {@code target}: {@code true} once
     * handed to the network (delivery is not guaranteed), {@code false} when the socket cannot
     * take it now ({@link Interest#WRITABLE} signals room).
     *
     * @throws NoSuchHostException  if {@code target} names no host
     * @throws SocketClosedException if the socket was closed
     */
    boolean send(ByteBuffer src, InetSocketAddress target);

    /**
     * Receives the next datagram into {@code dst} (truncating what does not fit) and returns its
     * sender, or {@code null} when none is queued ({@link Interest#READABLE} signals one).
     *
     * @throws SocketClosedException if the socket was closed
     */
    InetSocketAddress receive(ByteBuffer dst);
}
