package dev.lockstep.io.sim;

import static dev.lockstep.io.sim.SimNetworkTest.at;
import static dev.lockstep.io.sim.StreamEnds.readToEndOrReset;
import static dev.lockstep.io.sim.StreamEnds.sentAfter;
import static dev.lockstep.io.sim.SimNetworkTest.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.async.AsyncBody;
import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.future.Either;
import dev.lockstep.future.Futures;
import dev.lockstep.io.sim.StreamEnds.Received;
import dev.lockstep.io.Promise;
import dev.lockstep.io.TcpListener;
import dev.lockstep.io.TcpStream;
import dev.lockstep.io.UdpSocket;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.time.Sleep;
import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A crashed host is dead before anything of it runs again: its sockets die first, and what its
 * tasks run while they unwind ({@code finally}, try-with-resources) does not reach the network.
 */
class SimNetworkCrashTest {
    static final int SEEDS = 2000;

    /** Reads one connection on db:7 to its end or its reset. */
    static AsyncBody<Received> server(Promise<Boolean> listening, int readSize) {
        return a -> {
            try (TcpListener l = a.await(TcpListener.bind(at("db", 7)))) {
                listening.set(true);
                try (TcpStream s = a.await(l.accept())) {
                    return readToEndOrReset(a, s, readSize);
                }
            }
        };
    }

    @Nested
    class Unwinding {
        final Simulation sim = Simulation.builder().seed(3).traceCapacity(Integer.MAX_VALUE).build();
        final SimNetwork net = SimNetwork.create(sim);

        @Test
        void aSocketClosedInFinallyIsAlreadyDeadSoThePeerSeesAResetNotAnEndOfStream() {
            Promise<Boolean> listening = new Promise<>();
            SimHost db = net.host("db", () -> Async.async(server(listening, 64)));
            net.host("app", () -> Async.async(a -> {
                a.await(listening.get());
                try (TcpStream s = a.await(TcpStream.connect(at("db", 7)))) {
                    a.await(s.writeAll(text("half of a message")));
                    a.sleep(Duration.ofSeconds(10));
                    a.await(s.writeAll(text(", the other half")));
                }
                return null;
            }));
            sim.spawn("chaos", Sleep.of(Duration.ofSeconds(1)).map(v -> {
                net.crash("app");
                return null;
            }));
            Received r = (Received) sim.blockOn(db.main());
            assertEquals("half of a message", text(r.bytes()));
            assertTrue(r.reset(), "the peer of a crashed host sees a reset, not end-of-stream");
            assertEquals(List.of(), sentAfter(sim, "app", "crash"));
        }

        @Test
        void anUnwindingTaskCannotOpenSocketsSendDatagramsOrSpawnTasksThatRun() {
            List<Throwable> failures = new ArrayList<>();
            boolean[] spawnedRan = {false};
            net.host("db", () -> Futures.pending());
            net.host("app", () -> Async.async(a -> {
                UdpSocket u = a.await(UdpSocket.bind(at("app", 0)));
                try {
                    a.sleep(Duration.ofSeconds(10));
                } finally {
                    for (Runnable attempt : List.<Runnable>of(
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
                return null;
            }));
            sim.blockOn(Sleep.of(Duration.ofSeconds(1)).map(v -> {
                net.crash("app");
                return null;
            }).then(v -> Sleep.of(Duration.ofSeconds(20))));
            StreamEnds.assertUnwoundOffTheNetwork(sim, "app", "crash", failures, spawnedRan[0], 3,
                    "connect, bind and send");
        }
    }

    @Nested
    class Conservation {
        /**
         * An idiomatic client (try-with-resources, bookkeeping in {@code finally}) writes a few
         * messages while links are partitioned or held and the client crashes at a random time: the
         * server reads every byte the client wrote, once and in order, or a prefix of them ended by
         * a reset; never a truncated stream that ends cleanly: a clean end-of-stream carries every
         * message.
         */
        @Test
        void everyByteWrittenIsReadOnceInOrderOrTheReaderSeesAResetOver2000Seeds() {
            int resets = 0;
            int clean = 0;
            for (long seed = 0; seed < SEEDS; seed++) {
                Simulation sim = Simulation.builder().seed(seed).traceCapacity(Integer.MAX_VALUE).build();
                ChoiceSource c = sim.choices();
                LinkConfig link = LinkConfig.DEFAULT.withLatency(millis(c, 3), millis(c, 5))
                        .withSendBuffer((int) c.between(64, 4096));
                SimNetwork net = SimNetwork.builder(sim).defaultLink(link).segmentSize((int) c.between(64, 1460))
                        .build();
                int messages = (int) c.between(1, 6);
                byte[][] data = new byte[messages][];
                for (int m = 0; m < messages; m++) {
                    data[m] = new byte[(int) c.between(1, 3000)];
                    for (int i = 0; i < data[m].length; i++) {
                        data[m][i] = (byte) (seed * 7 + m * 131 + i);
                    }
                }
                Duration pause = millis(c, 5);
                Promise<Boolean> listening = new Promise<>();
                SimHost db = net.host("db", () -> Async.async(server(listening, (int) c.between(1, 2048))));
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
                    }
                    return null;
                }));
                if (c.chance(0.6)) {
                    sim.spawn("chaos", SimNetworkConservationTest.stallingFault(net, c));
                }
                Duration crashAt = millis(c, 40);
                sim.spawn("crash", Sleep.of(crashAt).map(v -> {
                    net.crash("app");
                    return null;
                }));
                String where = "seed " + seed + ", link " + link + ", crash at " + crashAt;
                Either<Object, Void> end;
                try {
                    end = sim.blockOn(Futures.select(db.main().map(v -> (Object) v), Sleep.of(Duration.ofSeconds(60))));
                } catch (RuntimeException e) {
                    throw new AssertionError(where + ": " + e.getMessage() + "\n" + Trace.format(sim.trace().events()),
                            e);
                }
                byte[] all = written.toByteArray();
                ByteArrayOutputStream whole = new ByteArrayOutputStream();
                for (byte[] m : data) {
                    whole.writeBytes(m);
                }
                if (end instanceof Either.Left<Object, Void> left) {
                    Received r = (Received) left.value();
                    if (r.reset()) {
                        resets++;
                        assertArrayEquals(Arrays.copyOf(all, r.bytes().length), r.bytes(), where
                                + ": a reset stream is a prefix of what was written");
                    } else {
                        clean++;
                        assertArrayEquals(whole.toByteArray(), r.bytes(), where + ": a stream that ended cleanly"
                                + " carries every message the client meant to send (it was not cut by the crash)");
                        assertArrayEquals(all, r.bytes(), where + ": and exactly what was written");
                    }
                } else {
                    assertEquals(List.of(), netEvents(sim, "accept"), where + ": the server never got a connection");
                }
                assertEquals(List.of(), sentAfter(sim, "app", "crash"), where);
            }
            assertTrue(resets > 200, "crashes cut streams: " + resets + " resets");
            assertTrue(clean > 200, "some clients finished before the crash: " + clean + " clean ends");
        }
    }

    static Duration millis(ChoiceSource c, int max) {
        return Duration.ofMillis(c.between(0, max));
    }

    static List<TraceEvent.Net> netEvents(Simulation sim, String kind) {
        return SimNetworkTest.netEvents(sim, kind);
    }
}
