package dev.lockstep.io.sim;

import dev.lockstep.io.Interest;
import dev.lockstep.io.TcpListenerSource;
import dev.lockstep.io.TcpStreamSource;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;

/**
 * A simulated listening socket: connections whose SYN it accepted wait in its backlog, in
 * arrival order, until the application accepts them. Closing it (by the application, or by the
 * OS when the host's process is killed) resets the connections still waiting; a crash drops them
 * with the host's other sockets.
 */
final class SimTcpListener extends SimSocket implements TcpListenerSource {
    final int port;
    private final ArrayDeque<SimTcpStream> backlog = new ArrayDeque<>();

    SimTcpListener(SimNetwork net, SimHost host, int port) {
        super(net, host);
        this.port = port;
    }

    /** A new connection is established: queue it and wake an acceptor. */
    void enqueue(SimTcpStream s) {
        backlog.add(s);
        waiters.wake(Interest.READABLE);
    }

    @Override
    public TcpStreamSource accept() {
        checkUsable("accept");
        return backlog.poll();
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
        closeBacklog();
    }

    @Override
    void closeByKill() {
        if (closed || dead) {
            return;
        }
        killed = true;
        closeBacklog();
    }

    private void closeBacklog() {
        closed = true;
        host.unbindTcp(this);
        while (!backlog.isEmpty()) {
            backlog.poll().closeAbruptly();
        }
        waiters.wakeAll();
    }

    @Override
    void kill() {
        dead = true;
        backlog.clear();
        waiters.wakeAll();
    }

    @Override
    boolean isReady(Interest interest) {
        return closed || dead || (interest == Interest.READABLE && !backlog.isEmpty());
    }

    @Override
    String peer() {
        return "-";
    }

    @Override
    String label() {
        return "TCP listener :" + port;
    }
}
