package dev.lockstep.io.sim;

import dev.lockstep.io.Interest;
import dev.lockstep.io.NetException;
import dev.lockstep.io.UdpSource;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * A simulated UDP socket: arrived datagrams wait in a queue of bounded length (a full queue drops
 * what arrives, traced). Datagrams still queued when the socket closes, its host's process is
 * killed or its host crashes are dropped, each traced with that cause. Sending never blocks; a
 * payload larger than {@value #MAX_DATAGRAM} bytes fails the send, as {@code EMSGSIZE} does;
 * whether a datagram arrives is the network's business ({@link Datagrams}).
 */
final class SimUdpSocket extends SimSocket implements UdpSource {
    /** The largest UDP payload over IPv4 (65,535 less the IP and UDP headers), as a real socket allows. */
    static final int MAX_DATAGRAM = 65_507;

    final int port;
    private final ArrayDeque<Datagram> queue = new ArrayDeque<>();

    SimUdpSocket(SimNetwork net, SimHost host, int port) {
        super(net, host);
        this.port = port;
    }

    @Override
    public boolean send(ByteBuffer src, InetSocketAddress target) {
        checkUsable("send to " + target);
        SimHost to = Addresses.resolve(net, host, target, "send to");
        if (src.remaining() > MAX_DATAGRAM) {
            throw new NetException("send to " + target + " failed: Message too long (EMSGSIZE): a datagram of "
                    + src.remaining() + " bytes, but UDP carries at most " + MAX_DATAGRAM + " bytes; nothing was sent",
                    host.name(), to.name() + ":" + target.getPort(), net.runtime(), null);
        }
        byte[] payload = new byte[src.remaining()];
        src.get(payload);
        net.datagrams().send(this, to, target.getPort(), payload);
        return true;
    }

    @Override
    public InetSocketAddress receive(ByteBuffer dst) {
        checkUsable("receive");
        Datagram d = queue.poll();
        if (d == null) {
            return null;
        }
        dst.put(d.payload(), 0, Math.min(dst.remaining(), d.payload().length));
        return InetSocketAddress.createUnresolved(d.from(), d.fromPort());
    }

    /** A datagram arrived for this socket. */
    void deliver(Datagram d) {
        if (queue.size() >= net.datagramQueue()) {
            net.trace(d.from(), d.to(), "drop", d.payload().length, d.label() + ": receive queue full");
            return;
        }
        queue.add(d);
        net.trace(d.from(), d.to(), "deliver", d.payload().length, d.label());
        waiters.wake(Interest.READABLE);
    }

    @Override
    public InetSocketAddress localAddress() {
        return InetSocketAddress.createUnresolved(host.name(), port);
    }

    @Override
    public void close() {
        if (closed || dead) {
            return;
        }
        closeWith("socket closed with the datagram unread");
    }

    @Override
    void closeByKill() {
        if (closed || dead) {
            return;
        }
        killed = true;
        closeWith("process of host " + host.name() + " killed with the datagram unread");
    }

    private void closeWith(String why) {
        closed = true;
        host.unbindUdp(this);
        discardQueue(why);
        waiters.wakeAll();
    }

    @Override
    void kill() {
        dead = true;
        discardQueue("host " + host.name() + " crashed with the datagram unread");
        waiters.wakeAll();
    }

    /** Drops every queued datagram, each a traced {@code drop} with its cause: nothing vanishes. */
    private void discardQueue(String why) {
        for (Datagram d = queue.poll(); d != null; d = queue.poll()) {
            net.trace(d.from(), d.to(), "drop", d.payload().length, d.label() + ": " + why);
        }
    }

    @Override
    boolean isReady(Interest interest) {
        return closed || dead || interest == Interest.WRITABLE || !queue.isEmpty();
    }

    @Override
    String peer() {
        return "-";
    }

    @Override
    String label() {
        return "UDP socket :" + port;
    }
}
