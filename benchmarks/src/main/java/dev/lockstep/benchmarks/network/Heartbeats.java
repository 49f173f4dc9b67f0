package dev.lockstep.benchmarks.network;

import static dev.lockstep.benchmarks.network.Loop.loop;

import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.io.TcpListener;
import dev.lockstep.io.TcpStream;
import dev.lockstep.io.UdpSocket;
import dev.lockstep.io.sim.SimNetwork;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.time.Interval;
import dev.lockstep.time.Sleep;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The heartbeat scenario of the virtual-io row, as {@code SimNetworkHeartbeatTest} runs it:
 * {@value #HOSTS} hosts on a {@link SimNetwork} with default links, each receiving on a TCP and a
 * UDP port and sending a {@value #BEAT}-byte heartbeat every virtual second to the next host (the
 * last to the first), the even hosts over one TCP connection, the odd ones as UDP datagrams.
 */
final class Heartbeats {
    /** Hosts in the scenario, named {@code node-0} to {@code node-99}. */
    static final int HOSTS = 100;
    /** Bytes per heartbeat. */
    static final int BEAT = 100;
    private static final int TCP_PORT = 7000;
    private static final int UDP_PORT = 7001;

    private Heartbeats() {}

    /**
     * Runs the scenario for {@code seconds} of virtual time, with the schedule and the links'
     * jitter drawn from {@code seed} and the trace on.
     *
     * @return the heartbeat bytes received
     * @throws IllegalStateException if fewer arrived than were sent, not counting the last beat
     *     of each host, which may still be in flight when the time is up
     */
    static long run(long seed, int seconds) {
        Simulation sim = Simulation.builder().seed(seed).build();
        SimNetwork net = SimNetwork.create(sim);
        long[] received = {0};
        for (int i = 0; i < HOSTS; i++) {
            int n = i;
            net.host(name(i), () -> node(n, received));
        }
        sim.blockOn(Sleep.of(Duration.ofSeconds(seconds)).then(v -> Futures.ready(true)));
        long expected = (long) HOSTS * (seconds - 1) * BEAT;
        if (received[0] < expected) {
            throw new IllegalStateException("seed " + seed + ": " + received[0] + " heartbeat bytes arrived in "
                    + seconds + " s, expected at least " + expected);
        }
        return received[0];
    }

    private static String name(int i) {
        return "node-" + (i % HOSTS);
    }

    /** Receives on both ports for ever; sends a heartbeat to the next host every second. */
    private static Future<Void> node(int i, long[] received) {
        return TcpListener.bind(InetSocketAddress.createUnresolved(name(i), TCP_PORT)).then(listener -> UdpSocket.bind(
                InetSocketAddress.createUnresolved(name(i), UDP_PORT)).then(udp -> spawn("tcp-in", loop(() -> listener
                .accept().then(s -> spawn("reader", drain(s, received)).map(h -> true))))
                .then(h -> spawn("udp-in", udpIn(udp, received)))
                .then(h -> i % 2 == 0 ? tcpOut(i) : udpOut(udp, i))));
    }

    private static Future<Void> drain(TcpStream s, long[] received) {
        ByteBuffer buf = ByteBuffer.allocate(512);
        return loop(() -> s.read(buf.clear()).map(n -> {
            received[0] += Math.max(n, 0);
            return n >= 0;
        }));
    }

    private static Future<Void> udpIn(UdpSocket udp, long[] received) {
        ByteBuffer buf = ByteBuffer.allocate(512);
        return loop(() -> udp.receive(buf.clear()).map(from -> {
            received[0] += buf.position();
            return true;
        }));
    }

    private static Future<Void> tcpOut(int i) {
        Interval every = Interval.every(Duration.ofSeconds(1));
        byte[] beat = new byte[BEAT];
        return TcpStream.connect(InetSocketAddress.createUnresolved(name(i + 1), TCP_PORT)).then(s -> loop(
                () -> every.tick().then(t -> s.writeAll(ByteBuffer.wrap(beat))).map(v -> true)));
    }

    private static Future<Void> udpOut(UdpSocket udp, int i) {
        Interval every = Interval.every(Duration.ofSeconds(1));
        byte[] beat = new byte[BEAT];
        InetSocketAddress next = InetSocketAddress.createUnresolved(name(i + 1), UDP_PORT);
        return loop(() -> every.tick().then(t -> udp.send(ByteBuffer.wrap(beat), next)).map(n -> true));
    }

    /** Spawns {@code future} on the polling runtime (on the polling task's host) at the first poll. */
    private static <T> Future<JoinHandle<T>> spawn(String name, Future<T> future) {
        return Futures.pollFn(cx -> Poll.ready(cx.runtime().spawn(name, future)));
    }
}
