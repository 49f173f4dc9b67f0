package dev.lockstep.io.sim;

import static dev.lockstep.io.sim.SimNetworkCrashTest.millis;
import static dev.lockstep.io.sim.SimNetworkTest.at;
import static dev.lockstep.io.sim.SimNetworkTest.netEvents;
import static dev.lockstep.io.sim.SimNetworkTest.text;
import static dev.lockstep.io.sim.StreamEnds.readToEndOrReset;
import static dev.lockstep.io.sim.StreamEnds.sentAfter;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.future.Either;
import dev.lockstep.future.Futures;
import dev.lockstep.future.TimeoutExpiredException;
import dev.lockstep.io.ConnectionRefusedException;
import dev.lockstep.io.ConnectionResetException;
import dev.lockstep.io.Promise;
import dev.lockstep.io.TcpListener;
import dev.lockstep.io.TcpStream;
import dev.lockstep.io.UdpSocket;
import dev.lockstep.io.fs.FileHandle;
import dev.lockstep.io.fs.OpenOption;
import dev.lockstep.io.fs.Storage;
import dev.lockstep.io.fs.StorageException;
import dev.lockstep.io.sim.StreamEnds.Received;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.time.Sleep;
import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A killed process ({@link SimNetwork#kill}) is closed by its OS as {@code close()} would: its
 * peers get a FIN after every byte it wrote, or a reset where it held received bytes unread; its
 * tasks unwind without reaching the network or the disk; its machine stays up (connects are
 * refused) and its disk keeps what it wrote.
 */
class SimNetworkKillTest {
    static final int SEEDS = 500;

    /**
     * Whether {@code kind} from {@code from} to {@code to} (with bytes, for a {@code deliver}) is
     * traced before {@code host}'s kill.
     */
    static boolean beforeKill(Simulation sim, String host, String from, String to, String kind) {
        for (TraceEvent e : sim.trace().events()) {
            if (e instanceof TraceEvent.Net n) {
                if (n.kind().equals("kill") && n.host().equals(host)) {
                    return false;
                }
                if (n.kind().equals(kind) && n.host().equals(from) && n.peer().equals(to)
                        && (!kind.equals("deliver") || n.bytes() > 0)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Nested
    class Conservation {
        /**
         * An idiomatic client writes messages (try-with-resources, bookkeeping in {@code finally})
         * under partitions and holds and is killed at a drawn time; the server may have greeted
         * it, and the client never reads. The server reads every byte the client's writes took,
         * once and in order, then a clean end-of-stream, or a prefix of them ended by a reset. It
         * sees the reset whenever the client held the greeting unread at the kill (or was still
         * connecting), and never when there was no greeting. (A clean end may come early: a killed
         * process's stream is as long as what it wrote, not what it meant to write.)
         */
        @Test
        void everyByteTheKilledProcessWroteArrivesThenEndOfStreamUnlessItHeldUnreadBytes() {
            int resets = 0;
            int clean = 0;
            int cleanAfterPartialWrite = 0;
            int unreadResets = 0;
            int lateGreetings = 0;
            for (long seed = 0; seed < SEEDS; seed++) {
                Simulation sim = Simulation.builder().seed(seed).traceCapacity(Integer.MAX_VALUE).build();
                ChoiceSource c = sim.choices();
                LinkConfig link = LinkConfig.DEFAULT.withLatency(millis(c, 3), millis(c, 5))
                        .withSendBuffer((int) c.between(64, 4096));
                SimNetwork net = SimNetwork.builder(sim).defaultLink(link).segmentSize((int) c.between(64, 1460))
                        .build();
                byte[][] data = new byte[(int) c.between(1, 6)][];
                for (int m = 0; m < data.length; m++) {
                    data[m] = new byte[(int) c.between(1, 3000)];
                    for (int i = 0; i < data[m].length; i++) {
                        data[m][i] = (byte) (seed * 7 + m * 131 + i);
                    }
                }
                boolean greet = c.chance(0.5);
                Duration greetAfter = millis(c, 30);
                Duration pause = millis(c, 5);
                Promise<Boolean> listening = new Promise<>();
                SimHost db = net.host("db", () -> Async.async(a -> {
                    try (TcpListener l = a.await(TcpListener.bind(at("db", 7)))) {
                        listening.set(true);
                        try (TcpStream s = a.await(l.accept())) {
                            if (greet) {
                                try {
                                    a.sleep(greetAfter);
                                    a.await(s.writeAll(text("hello")));
                                } catch (ConnectionResetException e) {
                                    return new Received(new byte[0], true);
                                }
                            }
                            return readToEndOrReset(a, s, 512);
                        }
                    }
                }));
                ByteArrayOutputStream written = new ByteArrayOutputStream();
                net.host("app", () -> Async.async(a -> {
                    a.await(listening.get());
                    try (TcpStream s = a.await(TcpStream.connect(at("db", 7)))) {
                        for (byte[] m : data) {
                            ByteBuffer b = ByteBuffer.wrap(m);
                            try {
                                a.await(s.writeAll(b));
                            } finally {
                                written.write(m, 0, b.position());
                            }
                            a.sleep(pause);
                        }
                        return a.await(Futures.pending()); // the kill ends it, never the client
                    }
                }));
                if (c.chance(0.6)) {
                    sim.spawn("chaos", SimNetworkConservationTest.stallingFault(net, c));
                }
                Duration killAt = millis(c, 40);
                sim.spawn("kill", Sleep.of(killAt).map(v -> {
                    net.kill("app");
                    return null;
                }));
                String where = "seed " + seed + ", link " + link + ", greet " + greet + ", kill at " + killAt;
                Either<Object, Void> end;
                try {
                    end = sim.blockOn(Futures.select(db.main().map(v -> (Object) v), Sleep.of(Duration.ofSeconds(60))));
                } catch (RuntimeException e) {
                    throw new AssertionError(where + ": " + e.getMessage() + "\n" + Trace.format(sim.trace().events()),
                            e);
                }
                byte[] all = written.toByteArray();
                if (end instanceof Either.Left<Object, Void> left) {
                    Received r = (Received) left.value();
                    boolean connecting = !beforeKill(sim, "app", "db", "app", "established");
                    boolean unread = beforeKill(sim, "app", "db", "app", "deliver");
                    if (connecting || unread) {
                        assertTrue(r.reset(), where + ": a process killed while connecting (" + connecting + ") or"
                                + " holding bytes unread (" + unread + ") resets the connection");
                        unreadResets += unread ? 1 : 0;
                    } else if (!greet) {
                        assertFalse(r.reset(), where + ": a process killed with nothing unread ends with a FIN");
                    } else {
                        // The greeting reached the closed socket after the kill and provoked a
                        // reset, which comes after the FIN: the server sees either first.
                        lateGreetings++;
                    }
                    if (r.reset()) {
                        resets++;
                        assertArrayEquals(Arrays.copyOf(all, r.bytes().length), r.bytes(), where
                                + ": a reset stream is a prefix of what was written");
                    } else {
                        clean++;
                        assertArrayEquals(all, r.bytes(), where + ": a clean end carries every byte written");
                        int whole = Arrays.stream(data).mapToInt(m -> m.length).sum();
                        if (all.length < whole) {
                            cleanAfterPartialWrite++;
                        }
                    }
                } else {
                    assertEquals(List.of(), netEvents(sim, "accept"), where + ": the server never got a connection");
                }
                assertEquals(List.of(), sentAfter(sim, "app", "kill"), where);
            }
            assertTrue(resets > 50, "kills with unread bytes reset: " + resets + " resets");
            assertTrue(unreadResets > 20, "kills with the greeting unread: " + unreadResets);
            System.out.println("kill conservation over " + SEEDS + " seeds: " + resets + " resets (" + unreadResets
                    + " with the greeting unread), " + clean + " clean ends (" + cleanAfterPartialWrite
                    + " cut short), " + lateGreetings + " late greetings");
            assertTrue(lateGreetings > 20, "greetings that reached the killed process's closed socket: "
                    + lateGreetings);
            assertTrue(clean > 50, "kills with nothing unread end cleanly: " + clean + " clean ends");
            assertTrue(cleanAfterPartialWrite > 20, "a kill mid-stream still ends cleanly, the stream shorter: "
                    + cleanAfterPartialWrite);
        }
    }

    @Nested
    class TheMachineStaysUp {
        @Test
        void aConnectToAKilledHostIsRefusedWhileOneToACrashedHostIsNeverAnswered() {
            for (long seed = 0; seed < 50; seed++) {
                for (boolean kill : List.of(true, false)) {
                    Simulation sim = Simulation.builder().seed(seed).build();
                    SimNetwork net = SimNetwork.create(sim);
                    net.host("db", () -> TcpListener.bind(at("db", 7)).then(l -> Futures.pending()));
                    SimHost app = net.host("app", () -> Sleep.of(Duration.ofSeconds(1)).then(v -> {
                        if (kill) {
                            net.kill("db");
                        } else {
                            net.crash("db");
                        }
                        return Async.async(a -> {
                            try {
                                a.await(Futures.timeout(TcpStream.connect(at("db", 7)), Duration.ofSeconds(5)));
                                return "connected";
                            } catch (ConnectionRefusedException e) {
                                return "refused";
                            } catch (TimeoutExpiredException e) {
                                return "timed out";
                            }
                        });
                    }));
                    assertEquals(kill ? "refused" : "timed out", sim.blockOn(app.main()), "seed " + seed + ", "
                            + (kill ? "kill" : "crash"));
                }
            }
        }

        @Test
        void aDatagramToAKilledHostIsDroppedAsNothingBoundAndOneQueuedAtItIsDroppedAsKilled() {
            Simulation sim = Simulation.builder().seed(1).traceCapacity(Integer.MAX_VALUE).build();
            SimNetwork net = SimNetwork.create(sim);
            net.host("db", () -> UdpSocket.bind(at("db", 9)).then(u -> Futures.pending()));
            SimHost app = net.host("app", () -> Async.async(a -> {
                UdpSocket u = a.await(UdpSocket.bind(at("app", 0)));
                a.sleep(Duration.ofMillis(10));
                a.await(u.send(text("queued"), at("db", 9)));
                a.sleep(Duration.ofSeconds(1));
                net.kill("db");
                a.await(u.send(text("too late"), at("db", 9)));
                a.sleep(Duration.ofSeconds(1));
                return null;
            }));
            sim.blockOn(app.main());
            List<String> drops = netEvents(sim, "drop").stream().map(TraceEvent.Net::detail).toList();
            assertEquals(2, drops.size(), drops.toString());
            assertTrue(drops.get(0).endsWith("process of host db killed with the datagram unread"), drops.get(0));
            assertTrue(drops.get(1).endsWith("nothing bound on :9"), drops.get(1));
        }

        @Test
        void connectionsWaitingInAKilledListenersBacklogAreReset() {
            for (long seed = 0; seed < 50; seed++) {
                Simulation sim = Simulation.builder().seed(seed).build();
                SimNetwork net = SimNetwork.create(sim);
                Promise<Boolean> listening = new Promise<>();
                net.host("db", () -> TcpListener.bind(at("db", 7)).then(l -> {
                    listening.set(true);
                    return Futures.pending(); // never accepts
                }));
                SimHost app = net.host("app", () -> Async.async(a -> {
                    a.await(listening.get());
                    List<TcpStream> streams = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        streams.add(a.await(TcpStream.connect(at("db", 7))));
                    }
                    net.kill("db");
                    List<String> seen = new ArrayList<>();
                    for (TcpStream s : streams) {
                        try {
                            seen.add("read " + a.await(s.read(ByteBuffer.allocate(8))));
                        } catch (ConnectionResetException e) {
                            seen.add("reset");
                        }
                    }
                    return seen;
                }));
                assertEquals(List.of("reset", "reset", "reset"), sim.blockOn(app.main()), "seed " + seed);
            }
        }
    }

    @Nested
    class Unwinding {
        final Simulation sim = Simulation.builder().seed(5).traceCapacity(Integer.MAX_VALUE).build();
        final SimNetwork net = SimNetwork.create(sim);

        @Test
        void anUnwindingTaskCannotReachTheNetworkAndItsPeerReadsWhatCameBeforeTheKillThenEndOfStream() {
            List<Throwable> failures = new ArrayList<>();
            boolean[] spawnedRan = {false};
            Promise<Boolean> listening = new Promise<>();
            SimHost db = net.host("db", () -> Async.async(a -> {
                try (TcpListener l = a.await(TcpListener.bind(at("db", 7)))) {
                    listening.set(true);
                    try (TcpStream s = a.await(l.accept())) {
                        return readToEndOrReset(a, s, 64);
                    }
                }
            }));
            net.host("app", () -> Async.async(a -> {
                a.await(listening.get());
                UdpSocket u = a.await(UdpSocket.bind(at("app", 0)));
                try (TcpStream s = a.await(TcpStream.connect(at("db", 7)))) {
                    a.await(s.writeAll(text("before the kill")));
                    try {
                        a.sleep(Duration.ofSeconds(10));
                    } finally {
                        for (Runnable attempt : List.<Runnable>of(
                                () -> s.write(text(", a last word")).poll(a.context()),
                                () -> TcpStream.connect(at("db", 7)).poll(a.context()),
                                () -> UdpSocket.bind(at("app", 0)).poll(a.context()),
                                () -> u.send(text("from the grave"), at("db", 9)).poll(a.context()))) {
                            try {
                                attempt.run();
                            } catch (RuntimeException e) {
                                failures.add(e);
                            }
                        }
                        a.runtime().spawn("ghost", Futures.lazy(() -> {
                            spawnedRan[0] = true;
                            return null;
                        }));
                    }
                }
                return null;
            }));
            sim.spawn("kill", Sleep.of(Duration.ofSeconds(1)).map(v -> {
                net.kill("app");
                return null;
            }));
            Received r = (Received) sim.blockOn(db.main());
            assertEquals("before the kill", new String(r.bytes(), StandardCharsets.UTF_8));
            assertFalse(r.reset(), "a killed process with nothing unread ends its stream with a FIN");
            StreamEnds.assertUnwoundOffTheNetwork(sim, "app", "kill", failures, spawnedRan[0], 4,
                    "write, connect, bind and send");
        }
    }

    @Nested
    class Restart {
        /**
         * Unsynced writes outlive a kill and the restart after it in every seed (the page cache
         * outlives a process), where a crash loses or tears some; a handle opened before the kill
         * is dead in the next incarnation.
         */
        @Test
        void aKillLosesNoUnsyncedWriteWhereACrashLosesSomeAndOldHandlesDie() {
            int lostToCrash = 0;
            for (long seed = 0; seed < 200; seed++) {
                for (boolean kill : List.of(true, false)) {
                    Simulation sim = Simulation.builder().seed(seed).build();
                    SimNetwork net = SimNetwork.create(sim);
                    SimStorage.install(net);
                    FileHandle[] first = {null};
                    List<String> seen = new ArrayList<>();
                    net.host("db", () -> Async.async(a -> {
                        if (first[0] == null) {
                            first[0] = a.await(Storage.open("log", OpenOption.CREATE));
                            a.await(first[0].write(text("unsynced record"), 0));
                            return a.await(Futures.pending());
                        }
                        StorageException old = assertThrows(StorageException.class, () -> a.await(first[0].write(
                                text("x"), 0)));
                        seen.add(old.kind() + ": " + old.getMessage().contains("killed"));
                        a.await(Storage.open("log", OpenOption.CREATE)).close();
                        seen.add(SimDiskTest.content(a, "log"));
                        return null;
                    }));
                    sim.blockOn(Sleep.of(Duration.ofSeconds(1)));
                    if (kill) {
                        net.kill("db");
                        assertTrue(net.host("db").isKilled());
                    } else {
                        net.crash("db");
                    }
                    net.restart("db");
                    assertTrue(net.host("db").isUp());
                    assertEquals(2, net.host("db").incarnation());
                    sim.blockOn(net.host("db").main());
                    assertEquals("CRASHED: true", seen.get(0), "seed " + seed);
                    if (kill) {
                        assertEquals("unsynced record", seen.get(1), "seed " + seed + ": a kill keeps the cache");
                    } else if (!seen.get(1).equals("unsynced record")) {
                        lostToCrash++;
                    }
                }
            }
            assertTrue(lostToCrash > 0, "a crash loses or tears unsynced writes in some seeds: " + lostToCrash);
        }
    }

    @Nested
    class Api {
        final Simulation sim = Simulation.builder().seed(1).build();
        final SimNetwork net = SimNetwork.create(sim);

        @Test
        void killingAHostThatIsDownDoesNothingAndAnUnknownHostIsNamed() {
            net.host("db", () -> Futures.pending());
            net.kill("db");
            net.kill("db");
            assertEquals("SimHost[db, killed, incarnation 1]", net.host("db").toString());
            assertFalse(net.host("db").isUp());
            IllegalStateException spawn = assertThrows(IllegalStateException.class, () -> net.host("db").spawn("late",
                    Futures.ready(1)));
            assertTrue(spawn.getMessage().contains("its process was killed"), spawn.getMessage());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.kill("nope"));
            assertTrue(e.getMessage().contains("no host named 'nope'") && e.getMessage().contains("[db]"),
                    e.getMessage());
        }

        @Test
        void aCrashAfterAKillTakesTheMachineDownToo() {
            net.host("db", () -> Futures.pending());
            net.kill("db");
            net.crash("db");
            assertFalse(net.host("db").isKilled());
            assertEquals("SimHost[db, down, incarnation 1]", net.host("db").toString());
        }

        @Test
        void aRunWithKillsIsDeterministic() {
            for (long seed = 0; seed < 20; seed++) {
                Simulation.builder().seed(seed).checkDeterminism(s -> {
                    SimNetwork n = SimNetwork.create(s);
                    Promise<Boolean> listening = new Promise<>();
                    SimHost db = n.host("db", () -> Async.async(a -> {
                        TcpListener l = a.await(TcpListener.bind(at("db", 7)));
                        listening.set(true);
                        try (TcpStream st = a.await(l.accept())) {
                            a.await(st.writeAll(text("hi")));
                            return readToEndOrReset(a, st, 16);
                        }
                    }));
                    n.host("app", () -> Async.async(a -> {
                        a.await(listening.get());
                        TcpStream st = a.await(TcpStream.connect(at("db", 7)));
                        a.await(st.writeAll(ByteBuffer.wrap(new byte[(int) s.choices().between(1, 5000)])));
                        return a.await(Futures.pending());
                    }));
                    s.spawn("kill", Sleep.of(millis(s.choices(), 30)).map(v -> {
                        n.kill("app");
                        return null;
                    }));
                    s.blockOn(Futures.select(db.main(), Sleep.of(Duration.ofSeconds(10))));
                }).assertDeterministic();
            }
        }
    }
}
