package dev.lockstep.io.sim;

import static dev.lockstep.io.Flows.loop;
import static dev.lockstep.io.Flows.spawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.io.TcpListener;
import dev.lockstep.io.TcpStream;
import dev.lockstep.io.UdpSocket;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.time.Interval;
import dev.lockstep.time.Sleep;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Scale: 100 hosts, each sending a 100-byte heartbeat every second to its neighbour for one hour
 * of virtual time, half over TCP and half over UDP. Only completion is asserted; the wall time is
 * printed as the benchmark figure.
 */
class SimNetworkHeartbeatTest {
    static final int HOSTS = 100;
    static final int TCP_PORT = 7000;
    static final int UDP_PORT = 7001;

    static String name(int i) {
        return "node-" + (i % HOSTS);
    }

    /** Receives on both ports for ever; sends a heartbeat to the next host every second. */
    static Future<Void> node(int i, long[] received) {
        return TcpListener.bind(InetSocketAddress.createUnresolved(name(i), TCP_PORT)).then(listener -> UdpSocket.bind(
                InetSocketAddress.createUnresolved(name(i), UDP_PORT)).then(udp -> spawn("tcp-in", loop(() -> listener
                .accept().then(s -> spawn("reader", drain(s, received)).map(h -> true))))
                .then(h -> spawn("udp-in", udpIn(udp, received)))
                .then(h -> i % 2 == 0 ? tcpOut(i) : udpOut(udp, i))));
    }

    static Future<Void> drain(TcpStream s, long[] received) {
        ByteBuffer buf = ByteBuffer.allocate(512);
        return loop(() -> s.read(buf.clear()).map(n -> {
            received[0] += Math.max(n, 0);
            return n >= 0;
        }));
    }

    static Future<Void> udpIn(UdpSocket udp, long[] received) {
        ByteBuffer buf = ByteBuffer.allocate(512);
        return loop(() -> udp.receive(buf.clear()).map(from -> {
            received[0] += buf.position();
            return true;
        }));
    }

    static Future<Void> tcpOut(int i) {
        Interval every = Interval.every(Duration.ofSeconds(1));
        byte[] beat = new byte[100];
        return TcpStream.connect(InetSocketAddress.createUnresolved(name(i + 1), TCP_PORT)).then(s -> loop(
                () -> every.tick().then(t -> s.writeAll(ByteBuffer.wrap(beat))).map(v -> true)));
    }

    static Future<Void> udpOut(UdpSocket udp, int i) {
        Interval every = Interval.every(Duration.ofSeconds(1));
        byte[] beat = new byte[100];
        InetSocketAddress next = InetSocketAddress.createUnresolved(name(i + 1), UDP_PORT);
        return loop(() -> every.tick().then(t -> udp.send(ByteBuffer.wrap(beat), next)).map(n -> true));
    }

    @Nested
    class OneHourOfAHundredHosts {
        @Test
        void completesAndEveryHeartbeatArrives() {
            long start = System.nanoTime();
            long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            Simulation sim = Simulation.builder().seed(1).build();
            SimNetwork net = SimNetwork.create(sim);
            long[] received = {0};
            for (int i = 0; i < HOSTS; i++) {
                int n = i;
                net.host(name(i), () -> node(n, received));
            }
            sim.blockOn(Sleep.of(Duration.ofHours(1)).then(v -> Futures.ready(true)));
            long wallMillis = (System.nanoTime() - start) / 1_000_000;
            long cpuMillis = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
            System.out.printf("heartbeat: %d hosts, 1h virtual, %d steps, %d trace events, %d bytes received,"
                    + " wall time %d ms (CPU %d ms)%n", HOSTS, sim.step(), sim.trace().count(), received[0], wallMillis,
                    cpuMillis);
            assertEquals(Duration.ofHours(1).toNanos(), sim.nanos());
            // Beats sent in the last few milliseconds may still be in flight when the hour ends.
            assertTrue(received[0] >= (long) HOSTS * 3600 * 100 - HOSTS * 100L, "received " + received[0]);
        }
    }
}
