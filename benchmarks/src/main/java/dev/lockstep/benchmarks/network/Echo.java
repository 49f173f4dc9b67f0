package dev.lockstep.benchmarks.network;

import dev.lockstep.io.TcpListener;
import dev.lockstep.io.TcpStream;
import dev.lockstep.io.nio.RealRuntime;
import dev.lockstep.io.sim.SimHost;
import dev.lockstep.io.sim.SimNetwork;
import dev.lockstep.runtime.Simulation;
import java.net.InetSocketAddress;

/**
 * The echo scenario of the virtual-io row on both backends: one connection, an {@link EchoClient}
 * doing {@code roundTrips} round trips of {@value EchoClient#MESSAGE} bytes with an
 * {@link EchoServer}. The same two futures run over simulated TCP and over real loopback.
 */
final class Echo {
    private static final int PORT = 7;

    private Echo() {}

    /**
     * Over a {@link SimNetwork} with default links: the server on host {@code server}, the
     * client on host {@code client}, with the schedule and the links' jitter drawn from
     * {@code seed} and the trace on.
     *
     * @return the virtual nanoseconds the round trips took
     */
    static long simulated(long seed, int roundTrips) {
        Simulation sim = Simulation.builder().seed(seed).build();
        SimNetwork net = SimNetwork.create(sim);
        InetSocketAddress server = InetSocketAddress.createUnresolved("server", PORT);
        net.host("server", () -> TcpListener.bind(server).then(TcpListener::accept).then(EchoServer::new));
        // The server binds in its first poll, at time 0; the client's SYN reaches it a link
        // latency (at least 1 ms) later, so the connect finds the port open whichever host runs first.
        SimHost client = net.host("client", () -> TcpStream.connect(server).then(s -> new EchoClient(s, roundTrips)));
        check(sim.blockOn(client.main()), roundTrips);
        return sim.nanos();
    }

    /**
     * Over real loopback: a fresh {@link RealRuntime} with its {@code NioReactor}, the server
     * listening on 127.0.0.1 at a free port, client and server as two tasks on that runtime.
     *
     * @return the runtime's polls
     */
    static long loopback(int roundTrips) {
        try (RealRuntime rt = RealRuntime.create()) {
            Object done = rt.blockOn(TcpListener.bind(new InetSocketAddress("127.0.0.1", 0)).then(listener -> {
                rt.spawn("server", listener.accept().then(EchoServer::new));
                return TcpStream.connect(listener.localAddress()).then(s -> new EchoClient(s, roundTrips));
            }));
            check(done, roundTrips);
            return rt.step();
        }
    }

    private static void check(Object done, int roundTrips) {
        if (!Integer.valueOf(roundTrips).equals(done)) {
            throw new IllegalStateException(done + " of " + roundTrips + " echo round trips completed");
        }
    }
}
