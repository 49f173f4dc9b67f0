package dev.lockstep.interop;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.future.Futures;
import dev.lockstep.runtime.NondeterminismException;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.time.VirtualScheduledExecutor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Plain {@code CompletableFuture} code — {@code supplyAsync}, {@code thenComposeAsync}, retries with
 * back-off, a timeout — driven by {@code sim.scheduledExecutor()} runs deterministically in
 * virtual time; the JDK's own timers do not.
 */
class CompletableFutureChainTest {

    /** One run of the client: three requests, each retried and limited in time; returns its log. */
    static List<String> client(Simulation sim) {
        VirtualScheduledExecutor exec = sim.scheduledExecutor();
        List<String> log = new ArrayList<>();
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (String req : List.of("a", "b", "c")) {
            CompletableFuture<String> r = withRetries(sim, exec, log, req, 1)
                    .thenComposeAsync(v -> call(sim, exec, log, "confirm-" + v), exec)
                    .exceptionally(e -> req + ":gave-up");
            exec.completeOnTimeout(r, req + ":fallback", 120, MILLISECONDS);
            results.add(r.thenApply(v -> {
                log.add(at(sim) + " result " + v);
                return v;
            }));
        }
        sim.blockOn(Interop.fromCompletionStage(CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))));
        return log;
    }

    /** A remote call that answers after 1-40 ms of virtual time, and fails 30% of the time. */
    static CompletableFuture<String> call(Simulation sim, VirtualScheduledExecutor exec, List<String> log, String req) {
        long latency = sim.choices().between(1, 40);
        boolean fails = sim.choices().chance(0.3);
        return CompletableFuture.supplyAsync(() -> {
            log.add(at(sim) + " " + req + (fails ? " failed" : " ok"));
            if (fails) {
                throw new IllegalStateException(req + " unavailable");
            }
            return req;
        }, exec.delayedExecutor(latency, MILLISECONDS));
    }

    /** Up to three attempts, with 10 ms, then 20 ms of back-off between them. */
    static CompletableFuture<String> withRetries(Simulation sim, VirtualScheduledExecutor exec, List<String> log,
            String req, int attempt) {
        return call(sim, exec, log, req + "#" + attempt).exceptionallyComposeAsync(e -> attempt < 3
                ? withRetries(sim, exec, log, req, attempt + 1)
                : CompletableFuture.failedFuture(e), exec.delayedExecutor(10L * attempt, MILLISECONDS));
    }

    static String at(Simulation sim) {
        return "t=" + sim.clock().elapsed().toMillis() + "ms";
    }

    @Nested
    class Determinism {
        @Test
        void theSameSeedGivesTheSameRunOverAThousandSeeds() {
            Set<List<String>> distinct = new HashSet<>();
            boolean sawRetry = false;
            boolean sawFallback = false;
            boolean sawGiveUp = false;
            for (long seed = 0; seed < 1000; seed++) {
                Simulation first = Simulation.builder().seed(seed).build();
                Simulation second = Simulation.builder().seed(seed).build();
                List<String> log = client(first);
                assertEquals(log, client(second), "seed " + seed);
                assertEquals(first.traceHash(), second.traceHash(), "seed " + seed);
                distinct.add(log);
                String all = String.join("\n", log);
                sawRetry |= all.contains("#2");
                sawFallback |= all.contains(":fallback");
                sawGiveUp |= all.contains(":gave-up");
            }
            assertTrue(distinct.size() > 100, "only " + distinct.size() + " distinct runs in 1000 seeds");
            assertTrue(sawRetry && sawFallback && sawGiveUp,
                    "the seeds must exercise retries, the timeout and giving up: " + sawRetry + sawFallback + sawGiveUp);
        }

        @Test
        void everyRequestEndsWithinItsTimeoutOfVirtualTime() {
            for (long seed = 0; seed < 100; seed++) {
                Simulation sim = Simulation.builder().seed(seed).build();
                List<String> log = client(sim);
                assertEquals(3, log.stream().filter(l -> l.contains(" result ")).count(), "seed " + seed + ": " + log);
                for (String line : log) {
                    if (line.contains(" result ")) {
                        long ms = Long.parseLong(line.substring(2, line.indexOf("ms")));
                        assertTrue(ms <= 120, "seed " + seed + ": " + line);
                    }
                }
            }
        }
    }

    @Nested
    class JdkTimers {
        @Test
        void orTimeoutOfAPlainCompletableFutureFiresOnTheJdksThreadAndIsCaught() {
            Simulation sim = Simulation.builder().build();
            CompletableFuture<String> cf = new CompletableFuture<>();
            // Registered before the adapter's callback, so it runs after it: dependents fire last-in first-out.
            CountDownLatch delivered = new CountDownLatch(1);
            AtomicReference<String> jdkThread = new AtomicReference<>();
            cf.whenComplete((v, e) -> {
                jdkThread.set(Thread.currentThread().getName());
                delivered.countDown();
            });
            NondeterminismException e = assertThrows(NondeterminismException.class, () -> sim.blockOn(Futures.join(
                    Interop.fromCompletionStage(cf),
                    Futures.lazy(() -> {
                        // The timeout is set once the adapter waits: had it fired before the first poll, the
                        // adapter would have read the TimeoutException as the stage's outcome (a race on
                        // real time, which is the other half of this pitfall).
                        cf.orTimeout(1, MILLISECONDS);
                        try {
                            return delivered.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException ex) {
                            throw new AssertionError(ex);
                        }
                    }))));
            // The JDK's timer thread: "CompletableFutureDelayScheduler" up to JDK 24, a common-pool thread after.
            assertTrue(e.getMessage().contains("CompletionStage completed on thread '" + jdkThread.get() + "'"),
                    e.getMessage());
            assertTrue(!jdkThread.get().equals(Thread.currentThread().getName()), jdkThread.get());
        }

        @Test
        void theVirtualExecutorsTimeoutIsTheDeterministicReplacement() {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            CompletableFuture<String> never = new CompletableFuture<>();
            exec.completeOnTimeout(never, "fallback", 2, TimeUnit.HOURS);
            assertEquals("fallback", sim.blockOn(Interop.fromCompletionStage(never)));
            assertEquals(2, sim.clock().elapsed().toHours());
        }
    }
}
