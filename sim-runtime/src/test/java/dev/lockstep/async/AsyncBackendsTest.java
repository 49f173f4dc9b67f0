package dev.lockstep.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockstep.future.JoinHandle;
import dev.lockstep.internal.generator.GeneratorFactory;
import dev.lockstep.internal.generator.Generators;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.testkit.TestFutures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The same scenarios on both generator backends in one JVM, forced per simulation through the
 * {@link GeneratorFactory} service: same results, same traces. Runs only where the continuation
 * backend is available (the build's second test execution).
 */
class AsyncBackendsTest {
    private GeneratorFactory continuations;
    private GeneratorFactory threads;

    @BeforeEach
    void bothBackends() {
        assumeTrue(Generators.continuations().isPresent(), "the continuation backend needs " + Generators.ENABLING_FLAG);
        continuations = Generators.continuations().orElseThrow();
        threads = Generators.threads();
    }

    /** The outcome of one run: what the scenario returned, and the trace hash. */
    record Run(Object result, long traceHash) {}

    Run run(GeneratorFactory backend, long seed, Function<Simulation, Object> scenario) {
        Simulation sim = Simulation.builder().seed(seed).build();
        sim.install(GeneratorFactory.class, backend);
        Object result = scenario.apply(sim);
        return new Run(result, sim.traceHash());
    }

    void assertSameOnBothBackends(long seed, Function<Simulation, Object> scenario) {
        Run onThreads = run(threads, seed, scenario);
        Run onContinuations = run(continuations, seed, scenario);
        assertEquals(onThreads.result(), onContinuations.result(), "seed " + seed);
        assertEquals(onThreads.traceHash(), onContinuations.traceHash(), "trace hash, seed " + seed);
    }

    @Nested
    class SameTraceHash {
        @Test
        void forPingPongOverTwentySeeds() {
            List<Long> hashes = new ArrayList<>();
            for (long seed = 0; seed < 20; seed++) {
                assertSameOnBothBackends(seed, sim -> AsyncScenarios.pingPong(sim, 10));
                hashes.add(run(threads, seed, sim -> AsyncScenarios.pingPong(sim, 10)).traceHash());
            }
            assertTrue(hashes.stream().distinct().count() > 10, "the seeds should give different schedules: " + hashes);
        }

        @Test
        void forATimeoutInsideABody() {
            assertSameOnBothBackends(1, AsyncScenarios::timeoutInsideABody);
        }

        @Test
        void forNestedBodies() {
            assertSameOnBothBackends(2, AsyncScenarios::nested);
        }

        @Test
        void forRecursionThroughAwait() {
            assertSameOnBothBackends(3, sim -> sim.blockOn(AsyncScenarios.recursion(1_000)));
        }

        @Test
        void forLargeFutureNotes() {
            assertSameOnBothBackends(5, sim -> {
                sim.install(LargeFutureThreshold.class, new LargeFutureThreshold(64 * 1024));
                AsyncRetainedSizeTest.TraceNotes.run(sim);
                return AsyncRetainedSizeTest.TraceNotes.notes(sim).size();
            });
        }

        @Test
        void forAnAbortedTaskUnwindingItsBody() {
            assertSameOnBothBackends(4, sim -> {
                List<String> log = new ArrayList<>();
                JoinHandle<Void> h = sim.spawn("sleeper", AsyncCancellationTest.sleeper("s", log));
                AsyncCancellationTest.atOneSecond(sim, h::abort);
                return log;
            });
        }
    }

    @Nested
    class TheServiceChoosesTheBackend {
        @Test
        void bodiesRunWhereTheInstalledBackendRunsThem() {
            Thread test = Thread.currentThread();
            Thread onThreads = (Thread) run(threads, 0, sim -> sim.blockOn(Async.async(a -> Thread.currentThread())))
                    .result();
            Thread onContinuations = (Thread) run(continuations, 0,
                    sim -> sim.blockOn(Async.async(a -> Thread.currentThread()))).result();
            assertTrue(onThreads.isVirtual(), onThreads.toString());
            assertNotSame(test, onThreads);
            assertSame(test, onContinuations);
            assertNotEquals(threads.name(), continuations.name());
        }

        @Test
        void nestedPolledBodiesUseTheInstalledBackendToo() {
            Thread inner = (Thread) run(threads, 0, sim -> sim.blockOn(Async.async(a ->
                    a.await(TestFutures.pendingOnce(Async.async(b -> {
                        b.sleep(Duration.ofMillis(1));
                        return Thread.currentThread();
                    })))))).result();
            assertTrue(inner.isVirtual(), inner.toString());
        }
    }
}
