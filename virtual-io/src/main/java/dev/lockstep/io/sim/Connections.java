package dev.lockstep.io.sim;

import java.net.InetSocketAddress;

/**
 * The TCP handshake of the simulated network: a connect sends a SYN to a host and port; at its
 * arrival the host's listener on that port makes the server's socket and answers SYN_ACK, or, if
 * nothing listens, the host answers RST (connection refused), as does a host whose process was
 * killed (its listeners are closed). A SYN for a crashed host is lost, so the connect waits until
 * the caller's timeout.
 */
final class Connections {
    private final SimNetwork net;
    private long nextConnection;

    Connections(SimNetwork net) {
        this.net = net;
    }

    /** A new client socket of {@code host} whose SYN to {@code remote} is on its way. */
    SimTcpStream connect(SimHost host, InetSocketAddress remote) {
        SimHost target = Addresses.resolve(net, host, remote, "connect to");
        Link link = net.directed(host.name(), target.name());
        int port = host.ephemeralPort(target.name() + ":" + remote.getPort());
        long id = nextConnection++;
        SimTcpStream s = new SimTcpStream(net, host, id, port, target.name(), remote.getPort(),
                link.config().sendBuffer(), true);
        host.adopt(s);
        host.takePort(port, s);
        s.out = new Pipe(net, link, id, s, null, remote.getPort());
        net.trace(host.name(), target.name(), "connect", 0, s.out.label() + " :" + s.localPort + " -> :"
                + remote.getPort());
        s.out.push(Segment.control(Segment.Kind.SYN));
        return s;
    }

    /** The SYN on {@code forward} arrived at its host. */
    void onSyn(Pipe forward) {
        SimTcpStream client = forward.source;
        SimHost server = net.host(forward.link.to);
        String from = client.host.name();
        if (!server.isUp() && !server.isKilled()) {
            net.trace(from, server.name(), "drop", 0, forward.label() + ": SYN for crashed host " + server.name());
            return;
        }
        Link back = net.directed(server.name(), from);
        SimTcpListener listener = server.listener(forward.targetPort);
        if (listener == null) {
            Pipe reply = new Pipe(net, back, forward.connection, null, client, client.localPort);
            reply.push(Segment.reset("nothing listens on " + server.name() + ":" + forward.targetPort));
            return;
        }
        SimTcpStream accepted = new SimTcpStream(net, server, forward.connection, forward.targetPort, from,
                client.localPort, back.config().sendBuffer(), false);
        server.adopt(accepted);
        accepted.out = new Pipe(net, back, forward.connection, accepted, client, client.localPort);
        forward.target = accepted;
        net.trace(from, server.name(), "accept", 0, forward.label() + " on :" + forward.targetPort);
        listener.enqueue(accepted);
        accepted.out.push(Segment.control(Segment.Kind.SYN_ACK));
    }
}
