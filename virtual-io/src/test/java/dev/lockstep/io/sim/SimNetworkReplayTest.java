package dev.lockstep.io.sim;

import static dev.lockstep.io.Flows.failure;
import static dev.lockstep.io.Flows.loop;
import static dev.lockstep.io.Flows.spawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.io.TcpListener;
import dev.lockstep.io.TcpStream;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.time.Sleep;
import dev.lockstep.trace.DeterminismReport;
import dev.lockstep.trace.TraceEvent;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A three-host scenario with a partition and a crash: a client sends requests to two servers
 * over TCP with timeouts and retries, while a chaos task partitions the client from one server,
 * crashes and restarts the other. The same seed, or the run's replay string, must give the same
 * trace hash.
 */
class SimNetworkReplayTest {

    static InetSocketAddress at(String host, int port) {
        return InetSocketAddress.createUnresolved(host, port);
    }

    /**
     * Answers every 8-byte request on a connection with the same 8 bytes; a connection that fails
     * (the client gave up and reset it) is dropped.
     */
    static Future<Void> server(String host) {
        return TcpListener.bind(at(host, 5000)).then(l -> loop(() -> l.accept().then(s -> spawn("conn",
                failure(loop(() -> {
                    ByteBuffer req = ByteBuffer.allocate(8);
                    return loop(() -> s.read(req).map(n -> n >= 0 && req.hasRemaining())).then(v -> req.hasRemaining()
                            ? Futures.ready(false) : s.writeAll(req.flip()).map(w -> true));
                })).map(e -> {
                    s.close();
                    return null;
                }))).map(h -> true)));
    }

    /** One request to {@code host} on a fresh connection, failing after 100 ms. */
    static Future<Throwable> request(String host, long n) {
        return failure(TcpStream.connect(at(host, 5000)).then(s -> s.writeAll(ByteBuffer.allocate(8).putLong(0, n))
                .then(v -> {
                    ByteBuffer reply = ByteBuffer.allocate(8);
                    return loop(() -> s.read(reply).map(k -> k >= 0 && reply.hasRemaining())).map(v2 -> {
                        s.close();
                        return null;
                    });
                })).timeout(Duration.ofMillis(100)));
    }

    /** 40 requests alternating between the servers, each followed by a pause; the outcome of each. */
    static Future<List<String>> client() {
        List<String> outcomes = new ArrayList<>();
        long[] n = {0};
        return loop(() -> n[0] == 40 ? Futures.ready(false) : request(n[0] % 2 == 0 ? "db-1" : "db-2", n[0]++)
                .then(e -> {
                    outcomes.add(e == null ? "ok" : e.getClass().getSimpleName());
                    return Sleep.of(Duration.ofMillis(20));
                }).map(v -> true)).map(v -> outcomes);
    }

    /** Partitions app from db-1 from 100 to 400 ms; crashes db-2 at 150 ms and restarts it at 500 ms. */
    static Future<Void> chaos(SimNetwork net) {
        return Sleep.of(Duration.ofMillis(100)).then(v -> {
            net.partition("app", "db-1");
            return Sleep.of(Duration.ofMillis(50));
        }).then(v -> {
            net.crash("db-2");
            return Sleep.of(Duration.ofMillis(250));
        }).then(v -> {
            net.heal("app", "db-1");
            return Sleep.of(Duration.ofMillis(100));
        }).map(v -> {
            net.restart("db-2");
            return null;
        });
    }

    /** Runs the scenario on {@code sim}; the client's outcomes. */
    @SuppressWarnings("unchecked")
    static List<String> scenario(Simulation sim) {
        SimNetwork net = SimNetwork.builder(sim).defaultLink(LinkConfig.DEFAULT.withLatency(Duration.ofMillis(2),
                Duration.ofMillis(6))).build();
        net.host("db-1", () -> server("db-1"));
        net.host("db-2", () -> server("db-2"));
        SimHost app = net.host("app", SimNetworkReplayTest::client);
        sim.spawn("chaos", chaos(net));
        return (List<String>) sim.blockOn(app.main());
    }

    static long count(Simulation sim, String kind) {
        return sim.trace().events().stream().filter(e -> e instanceof TraceEvent.Net n && n.kind().equals(kind))
                .count();
    }

    @Nested
    class ThreeHostsWithAPartitionAndACrash {
        @Test
        void theSameSeedGivesTheSameTraceHash() {
            Simulation first = Simulation.builder().seed(42).traceCapacity(Integer.MAX_VALUE).build();
            List<String> outcomes = scenario(first);
            Simulation second = Simulation.builder().seed(42).build();
            assertEquals(outcomes, scenario(second));
            assertEquals(first.traceHash(), second.traceHash());
            assertTrue(outcomes.contains("ok") && outcomes.contains("TimeoutExpiredException"), outcomes.toString());
            assertEquals(1, count(first, "crash"));
            assertEquals(1, count(first, "restart"));
            assertEquals(2, count(first, "partition"));
        }

        @Test
        void theReplayStringReproducesTheRunExactly() {
            Simulation original = Simulation.builder().seed(9).build();
            List<String> outcomes = scenario(original);
            Simulation replayed = Simulation.builder().choices(ChoiceSource.replay(original.replayString())).build();
            assertEquals(outcomes, scenario(replayed));
            assertEquals(original.traceHash(), replayed.traceHash());
        }

        @Test
        void checkDeterminismFindsNoDifference() {
            DeterminismReport report = Simulation.builder().seed(5).checkDeterminism(SimNetworkReplayTest::scenario);
            report.assertDeterministic();
        }

        @Test
        void differentSeedsExploreDifferentRuns() {
            Set<Long> hashes = new HashSet<>();
            for (long seed = 0; seed < 10; seed++) {
                Simulation sim = Simulation.builder().seed(seed).build();
                scenario(sim);
                hashes.add(sim.traceHash());
            }
            assertTrue(hashes.size() >= 9, "distinct trace hashes in 10 seeds: " + hashes.size());
            assertNotEquals(0, hashes.size());
        }
    }
}
