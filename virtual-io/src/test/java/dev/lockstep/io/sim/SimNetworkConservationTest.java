package dev.lockstep.io.sim;

import static dev.lockstep.io.Flows.failure;
import static dev.lockstep.io.Flows.loop;
import static dev.lockstep.io.Flows.readToEnd;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.io.Promise;
import dev.lockstep.io.TcpListener;
import dev.lockstep.io.TcpStream;
import dev.lockstep.io.UdpSocket;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.time.Sleep;
import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Conservation over 1,000 seeds each: the network loses nothing it should not, and accounts for
 * everything it does lose. Each seed draws its own link (latency, jitter, buffer, bandwidth,
 * segment size), its own data, and its own faults from the run's choices.
 */
class SimNetworkConservationTest {
    static final int SEEDS = 1000;
    static final Pattern DATAGRAM = Pattern.compile("udp#(\\d+)");

    static InetSocketAddress at(String host, int port) {
        return InetSocketAddress.createUnresolved(host, port);
    }

    static Duration millis(ChoiceSource c, int max) {
        return Duration.ofMillis(c.between(0, max));
    }

    /** A fault that stalls TCP without losing anything: a partition or a hold, healed later. */
    static Future<Void> stallingFault(SimNetwork net, ChoiceSource c) {
        int kind = c.choose(4);
        Duration start = millis(c, 20);
        Duration length = millis(c, 200);
        return Sleep.of(start).then(v -> {
            switch (kind) {
                case 0 -> net.partition("app", "db");
                case 1 -> net.partitionOneWay("db", "app");
                case 2 -> net.hold("app", "db");
                default -> { }
            }
            return Sleep.of(length);
        }).map(v -> {
            net.healAll();
            return null;
        });
    }

    @Nested
    class Tcp {
        @Test
        void everyByteWrittenIsReadExactlyOnceAndInOrderUnderPartitionsAndHolds() {
            for (long seed = 0; seed < SEEDS; seed++) {
                Simulation sim = Simulation.builder().seed(seed).traceCapacity(Integer.MAX_VALUE).build();
                ChoiceSource c = sim.choices();
                LinkConfig link = LinkConfig.DEFAULT.withLatency(millis(c, 3), millis(c, 5))
                        .withSendBuffer((int) c.between(64, 4096))
                        .withBandwidth(c.chance(0.5) ? 0 : c.between(10_000, 1_000_000));
                SimNetwork net = SimNetwork.builder(sim).defaultLink(link).segmentSize((int) c.between(64, 1460))
                        .build();
                ByteArrayOutputStream written = new ByteArrayOutputStream();
                int messages = (int) c.between(1, 6);
                byte[][] data = new byte[messages][];
                for (int m = 0; m < messages; m++) {
                    data[m] = new byte[(int) c.between(0, 3000)];
                    for (int i = 0; i < data[m].length; i++) {
                        data[m][i] = (byte) (seed * 7 + m * 131 + i);
                    }
                    written.writeBytes(data[m]);
                }
                int readSize = (int) c.between(1, 2048);
                Duration pause = millis(c, 5);
                Promise<Boolean> listening = new Promise<>();
                SimHost db = net.host("db", () -> TcpListener.bind(at("db", 7)).then(l -> {
                    listening.set(true);
                    return l.accept();
                }).then(s -> readToEnd(s, readSize, f -> f)));
                int[] next = {0};
                net.host("app", () -> listening.get().then(ok -> TcpStream.connect(at("db", 7))).then(s -> loop(
                        () -> next[0] == messages
                        ? Futures.ready(false)
                        : s.writeAll(ByteBuffer.wrap(data[next[0]++])).then(v -> Sleep.of(pause)).map(v -> true))
                        .map(v -> {
                            s.close();
                            return null;
                        })));
                if (c.chance(0.7)) {
                    sim.spawn("chaos", stallingFault(net, c));
                }
                String where = "seed " + seed + ", link " + link;
                byte[] read;
                try {
                    read = (byte[]) sim.blockOn(db.main());
                } catch (RuntimeException e) {
                    throw new AssertionError(where + ": " + e.getMessage() + "\nfull trace:\n"
                            + Trace.format(sim.trace().events()), e);
                }
                assertArrayEquals(written.toByteArray(), read, where);
                long sent = 0;
                long delivered = 0;
                for (TraceEvent e : sim.trace().events()) {
                    if (e instanceof TraceEvent.Net n) {
                        sent += n.kind().equals("send") ? n.bytes() : 0;
                        delivered += n.kind().equals("deliver") ? n.bytes() : 0;
                        assertTrue(!n.kind().equals("drop") && !n.kind().equals("reset"), where + ": " + n);
                    }
                }
                assertEquals(written.size(), sent, where + ": bytes traced as sent");
                assertEquals(written.size(), delivered, where + ": bytes traced as delivered");
            }
        }
    }

    @Nested
    class Datagrams {
        @Test
        void withLossOnTheTraceAccountsForEveryDatagramLostOrDuplicated() {
            long lostInAll = 0;
            for (long seed = 0; seed < SEEDS; seed++) {
                Simulation sim = Simulation.builder().seed(seed).traceCapacity(Integer.MAX_VALUE).build();
                ChoiceSource c = sim.choices();
                LinkConfig link = LinkConfig.DEFAULT.withLatency(millis(c, 3), millis(c, 5)).withDatagramFaults(
                        c.between(0, 50) / 100.0, c.between(0, 30) / 100.0, c.between(0, 30) / 100.0);
                SimNetwork net = SimNetwork.builder(sim).defaultLink(link).build();
                int count = (int) c.between(1, 40);
                Duration gap = millis(c, 3);
                int[] received = {0};
                net.host("db", () -> UdpSocket.bind(at("db", 9)).then(u -> loop(() -> u.receive(ByteBuffer.allocate(
                        8)).map(from -> ++received[0] > 0))));
                int[] next = {0};
                net.host("app", () -> UdpSocket.bind(at("app", 0)).then(u -> loop(() -> next[0] == count
                        ? Futures.ready(false)
                        : u.send(ByteBuffer.allocate(4).putInt(0, next[0]++), at("db", 9)).then(n -> Sleep.of(gap))
                        .map(v -> true))));
                if (c.chance(0.3)) {
                    sim.spawn("chaos", Sleep.of(millis(c, 40)).then(v -> {
                        net.partition("app", "db");
                        return Sleep.of(millis(c, 40));
                    }).map(v -> {
                        net.heal("app", "db");
                        return null;
                    }));
                }
                sim.blockOn(Sleep.of(Duration.ofSeconds(2)));

                String where = "seed " + seed + ", link " + link;
                Map<Long, int[]> perDatagram = new TreeMap<>(); // send, duplicate, deliver, drop
                for (TraceEvent e : sim.trace().events()) {
                    if (e instanceof TraceEvent.Net n) {
                        Matcher m = DATAGRAM.matcher(n.detail());
                        int slot = switch (n.kind()) {
                            case "send" -> 0;
                            case "duplicate" -> 1;
                            case "deliver" -> 2;
                            case "drop" -> 3;
                            default -> -1;
                        };
                        if (slot >= 0 && m.find()) {
                            perDatagram.computeIfAbsent(Long.parseLong(m.group(1)), k -> new int[4])[slot]++;
                        }
                    }
                }
                assertEquals(count, perDatagram.size(), where + ": every datagram is traced");
                int delivered = 0;
                for (Map.Entry<Long, int[]> d : perDatagram.entrySet()) {
                    int[] k = d.getValue();
                    assertEquals(1, k[0], where + ": udp#" + d.getKey() + " sent once");
                    assertEquals(1 + k[1], k[2] + k[3], where + ": udp#" + d.getKey()
                            + " copies = deliveries + drops (send, dup, deliver, drop = " + java.util.Arrays.toString(k)
                            + ")");
                    delivered += k[2];
                    lostInAll += k[3];
                }
                assertEquals(delivered, received[0], where + ": the application received every delivery");
            }
            assertTrue(lostInAll > 1000, "the loss faults fired: " + lostInAll + " drops in all");
        }

        /**
         * Datagrams still queued when the receiving socket closes or its host crashes are dropped,
         * each a traced {@code drop} with that cause: every copy is received or dropped, once.
         */
        @Test
        void datagramsQueuedAtASocketThatClosesOrCrashesAreEachTracedAsADropWithItsCause() {
            int unreadInAll = 0;
            for (long seed = 0; seed < 2 * SEEDS; seed++) {
                Simulation sim = Simulation.builder().seed(seed).traceCapacity(Integer.MAX_VALUE).build();
                ChoiceSource c = sim.choices();
                LinkConfig link = LinkConfig.DEFAULT.withLatency(millis(c, 3), millis(c, 5)).withDatagramFaults(
                        c.between(0, 20) / 100.0, c.between(0, 20) / 100.0, c.between(0, 20) / 100.0);
                SimNetwork net = SimNetwork.builder(sim).defaultLink(link).build();
                int count = (int) c.between(1, 40);
                Duration gap = millis(c, 2);
                Duration slow = millis(c, 6);
                boolean crash = c.chance(0.5);
                Duration end = Duration.ofMillis(c.between(1, 60));
                Map<Integer, Integer> received = new TreeMap<>();
                UdpSocket[] socket = {null};
                net.host("db", () -> UdpSocket.bind(at("db", 9)).then(u -> {
                    socket[0] = u;
                    return failure(loop(() -> {
                        ByteBuffer b = ByteBuffer.allocate(4);
                        return u.receive(b).then(from -> {
                            received.merge(b.getInt(0), 1, Integer::sum);
                            return Sleep.of(slow);
                        }).map(v -> true);
                    }));
                }));
                int[] next = {0};
                net.host("app", () -> UdpSocket.bind(at("app", 0)).then(u -> loop(() -> next[0] == count
                        ? Futures.ready(false)
                        : u.send(ByteBuffer.allocate(4).putInt(0, next[0]++), at("db", 9)).then(n -> Sleep.of(gap))
                        .map(v -> true))));
                sim.spawn("chaos", Sleep.of(end).map(v -> {
                    if (crash) {
                        net.crash("db");
                    } else {
                        socket[0].close();
                    }
                    return null;
                }));
                sim.blockOn(Sleep.of(Duration.ofSeconds(2)));

                String where = "seed " + seed + ", link " + link + (crash ? ", db crashed" : ", socket closed")
                        + " at " + end;
                Map<Long, int[]> perDatagram = new TreeMap<>(); // send, duplicate, deliver, drop, drop unread
                for (TraceEvent e : sim.trace().events()) {
                    if (e instanceof TraceEvent.Net n) {
                        Matcher m = DATAGRAM.matcher(n.detail());
                        int slot = switch (n.kind()) {
                            case "send" -> 0;
                            case "duplicate" -> 1;
                            case "deliver" -> 2;
                            case "drop" -> n.detail().contains("unread") ? 4 : 3;
                            default -> -1;
                        };
                        if (slot >= 0 && m.find()) {
                            perDatagram.computeIfAbsent(Long.parseLong(m.group(1)), k -> new int[5])[slot]++;
                        }
                    }
                }
                assertEquals(count, perDatagram.size(), where + ": every datagram is traced");
                for (Map.Entry<Long, int[]> d : perDatagram.entrySet()) {
                    int[] k = d.getValue();
                    String what = where + ": udp#" + d.getKey() + " (send, dup, deliver, drop, drop unread = "
                            + java.util.Arrays.toString(k) + ")";
                    assertEquals(1 + k[1], k[2] + k[3], what + ": copies = deliveries + drops on the way");
                    assertEquals(k[2], received.getOrDefault(d.getKey().intValue(), 0) + k[4], what
                            + ": every delivered copy is received or dropped unread");
                    unreadInAll += k[4];
                }
            }
            assertTrue(unreadInAll > 200, "datagrams were queued when their socket went: " + unreadInAll);
        }
    }
}
