package dev.lockstep.property;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.future.Futures;
import dev.lockstep.runtime.DeadlockException;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.runtime.StepLimitException;
import dev.lockstep.runtime.TaskFailedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PropertyTest {

    /** A property with a short shrink budget, quiet warnings and a fixed seed. */
    static Property property(String name, Scenario scenario) {
        return Property.of(name, scenario).seed(1).shrinkTime(Duration.ofSeconds(5)).warnings(w -> {});
    }

    static Property property(String name, java.util.function.Consumer<Simulation> scenario) {
        return property(name, Scenario.of(scenario));
    }

    /** Runs {@code replay} once against {@code scenario}, as a user replaying a report would. */
    static RunResult replay(java.util.function.Consumer<Simulation> scenario, String replay) {
        return new Trial(Scenario.of(scenario), property("replay", scenario).settings()).run(0, ChoiceSource.replay(replay));
    }

    /** The report's text without the measured shrink time, the one part that varies between checks. */
    static String withoutTime(FailureReport report) {
        return report.format().replaceAll("\\(\\d+\\.\\d+ s,", "(<time>,");
    }

    @Nested
    class ScenarioSetup {
        /** A scenario that caps its runs' steps and then spins past the cap. */
        static final class Capped implements Scenario {
            @Override
            public Simulation.Builder configure(Simulation.Builder builder) {
                return builder.maxSteps(20);
            }

            @Override
            public void run(Simulation sim, int run) {
                sim.blockOn(Futures.pollFn(cx -> {
                    cx.waker().wakeByRef();
                    return dev.lockstep.future.Poll.pending();
                }));
            }
        }

        @Test
        void theScenariosConfigureIsAppliedToEveryRun() {
            PropertyResult r = property("capped", new Capped()).runs(3).check();
            assertTrue(r.failure().isPresent(), r.summary());
            assertTrue(r.failure().get().original() instanceof dev.lockstep.runtime.StepLimitException,
                    String.valueOf(r.failure().get().original()));
        }

        @Test
        void aCustomiserComesAfterItAndWins() {
            PropertyResult r = property("uncapped", new Capped()).runs(1).customise(b -> b.maxSteps(40)).check();
            assertTrue(r.failure().get().original().getMessage().contains("40"), r.failure().get().original().getMessage());
        }
    }

    @Nested
    class Runs {
        @Test
        void eachRunDrawsFromItsOwnSeedAsDocumented() {
            Map<Integer, Long> firstDraw = new ConcurrentHashMap<>();
            PropertyResult r = property("seeds", (sim, run) -> firstDraw.put(run, sim.choices().between(0, Long.MAX_VALUE)))
                    .runs(50).check();
            assertTrue(r.passed());
            assertEquals(50, r.executedRuns());
            assertEquals(50, firstDraw.size());
            for (int run = 0; run < 50; run++) {
                long expected = ChoiceSource.seeded(RunSeeds.of(1, run)).between(0, Long.MAX_VALUE);
                assertEquals(expected, firstDraw.get(run), "run " + run);
            }
        }

        @Test
        void everyKindOfThrowableIsAFailure() {
            Map<String, Class<?>> expected = new HashMap<>();
            Map<String, Scenario> scenarios = new HashMap<>();
            scenarios.put("deadlock", (sim, run) -> sim.blockOn(Futures.pending()));
            expected.put("deadlock", DeadlockException.class);
            scenarios.put("livelock", (sim, run) -> sim.blockOn(Futures.pollFn(cx -> {
                cx.waker().wakeByRef();
                return dev.lockstep.future.Poll.pending();
            })));
            expected.put("livelock", StepLimitException.class);
            scenarios.put("task", (sim, run) -> sim.blockOn(sim.spawn("thrower", Futures.lazy(() -> {
                throw new IllegalStateException("in a task");
            }))));
            expected.put("task", TaskFailedException.class);
            scenarios.put("checked", (sim, run) -> {
                throw new Exception("checked");
            });
            expected.put("checked", Exception.class);
            scenarios.put("assertion", (sim, run) -> {
                throw new AssertionError("no");
            });
            expected.put("assertion", AssertionError.class);
            scenarios.put("recursion", (sim, run) -> recurse(run));
            expected.put("recursion", StackOverflowError.class);
            for (String name : scenarios.keySet()) {
                PropertyResult r = property(name, scenarios.get(name)).runs(3).maxSteps(1000).check();
                assertFalse(r.passed(), name);
                assertSame(expected.get(name), r.failure().orElseThrow().original().getClass(), name);
                LockstepFailure thrown = assertThrows(LockstepFailure.class, r::assertPassed);
                assertSame(r.failure().orElseThrow().original(), thrown.getCause(), name);
            }
        }

        private static int recurse(int n) {
            return recurse(n + 1) + 1;
        }

        @Test
        void theFailingRunWithTheLowestIndexIsReported() {
            PropertyResult r = property("late", (sim, run) -> assertTrue(run < 37 || run % 5 != 0, "run " + run))
                    .runs(100).check();
            assertEquals(40, r.failure().orElseThrow().run());
            assertEquals(41, r.executedRuns());
            assertEquals(100, r.plannedRuns());
        }

        @Test
        void theCustomiserConfiguresEveryRunButNotItsChoices() {
            Set<Long> draws = ConcurrentHashMap.newKeySet();
            PropertyResult r = property("customised", (sim, run) -> {
                draws.add(sim.choices().between(0, Long.MAX_VALUE));
                sim.blockOn(PlantedBugs.afterYields(10, () -> {}));
            }).runs(5).customise(b -> b.maxSteps(5).choices(ChoiceSource.replay(new int[0]))).check();
            assertInstanceOf(StepLimitException.class, r.failure().orElseThrow().original());
            assertTrue(draws.size() > 1, "every run drew from the same source: " + draws);
        }
    }

    @Nested
    class PlantedBug {
        /**
         * The smallest schedule written by hand: the reader reads first (choice 2 of the writer,
         * invalidator, reader, main), then the writer's three polls run (0, 3, 3), then FIFO: the
         * invalidator clears the cache before the reader fills it with the old value.
         */
        static final int[] HAND_WRITTEN = {2, 0, 3, 3};

        @Test
        void theHandWrittenScheduleFailsAndNothingShorterDoes() {
            assertTrue(replay(PlantedBugs::staleCache, dev.lockstep.choice.Choices.format(HAND_WRITTEN)).failed());
            assertFalse(replay(PlantedBugs::staleCache, "lockstep:1:").failed(), "the plain FIFO schedule passes");
            // At most four tasks are ever runnable, so values 0..3 cover every schedule of 3 choices.
            for (int length = 1; length < HAND_WRITTEN.length; length++) {
                int[] c = new int[length];
                do {
                    assertFalse(replay(PlantedBugs::staleCache, dev.lockstep.choice.Choices.format(c)).failed(),
                            java.util.Arrays.toString(c));
                } while (next(c, 4));
            }
        }

        private static boolean next(int[] c, int base) {
            for (int k = c.length - 1; k >= 0; k--) {
                if (++c[k] < base) {
                    return true;
                }
                c[k] = 0;
            }
            return false;
        }

        @Test
        void isFoundWithinAThousandRunsAndShrinksToTheHandWrittenLength() {
            PropertyResult r = property("PlantedBugTest#staleCache", PlantedBugs::staleCache).runs(1000).check();
            FailureReport f = r.failure().orElseThrow();
            assertTrue(f.run() < 1000);
            assertTrue(f.reproduced());
            assertFalse(f.shrinkTimedOut(), "the shrink converged");
            assertTrue(f.shrunkSize() <= HAND_WRITTEN.length + 2,
                    "shrunk to " + f.shrunkSize() + " choices, hand-written " + HAND_WRITTEN.length);
            // In fact it finds the shortlex-smallest failing schedule, as short as the hand-written one.
            assertArrayEquals(new int[] {0, 1, 2, 3}, f.shrunkChoices());
            assertTrue(f.originalSize() > f.shrunkSize());
            assertTrue(f.shrunkFailure().getMessage().startsWith("stale cache: it holds v1 but the store has v2"));
        }

        @Test
        void theShrunkReplayFailsTheSameWayEveryTime() {
            FailureReport f = property("PlantedBugTest#staleCache", PlantedBugs::staleCache).runs(1000).check()
                    .failure().orElseThrow();
            RunResult first = replay(PlantedBugs::staleCache, f.shrunkReplay());
            for (int i = 0; i < 100; i++) {
                RunResult again = replay(PlantedBugs::staleCache, f.shrunkReplay());
                assertEquals(f.signature(), again.signature());
                assertEquals(first.traceHash(), again.traceHash());
                assertEquals(first.failure().getMessage(), again.failure().getMessage());
            }
        }
    }

    @Nested
    class DataAndSchedule {
        @Test
        void aDrawnListAndAnOrderShrinkTogetherToTheValueFiftyAndTheMinimalOrder() {
            FailureReport f = property("data", PlantedBugs::bigValueAndReversedOrder).runs(200).check()
                    .failure().orElseThrow();
            // One value (between(1, 8) records offset 0), the value 50, and the choice that runs b first.
            assertArrayEquals(new int[] {0, 50, 1}, f.shrunkChoices());
            assertTrue(f.shrunkFailure().getMessage().startsWith("values [50] with order [b, a]"),
                    f.shrunkFailure().getMessage());
            assertTrue(f.originalSize() > 3);
        }
    }

    @Nested
    class Sharding {
        /** Records each run's index and first draw; fails on runs whose draw is divisible by 7. */
        static Scenario recording(Map<Integer, Long> seen, AtomicInteger duplicates) {
            return (sim, run) -> {
                long draw = sim.choices().between(0, 1_000_000);
                if (seen.put(run, draw) != null) {
                    duplicates.incrementAndGet();
                }
            };
        }

        @Test
        void fourShardsRunExactlyTheRunsOfOneShardWithNoOverlap() {
            Map<Integer, Long> whole = new ConcurrentHashMap<>();
            AtomicInteger duplicates = new AtomicInteger();
            property("sharded", recording(whole, duplicates)).runs(403).check();
            Map<Integer, Long> union = new ConcurrentHashMap<>();
            int executed = 0;
            for (int i = 0; i < 4; i++) {
                Map<Integer, Long> part = new ConcurrentHashMap<>();
                PropertyResult r = property("sharded", recording(part, duplicates)).runs(403).shard(new Shard(i, 4)).check();
                executed += r.executedRuns();
                for (Map.Entry<Integer, Long> e : part.entrySet()) {
                    assertEquals(null, union.put(e.getKey(), e.getValue()), "run " + e.getKey() + " ran in two shards");
                }
            }
            assertEquals(0, duplicates.get());
            assertEquals(403, executed);
            assertEquals(whole, union, "the same runs with the same draws");
        }

        @Test
        void aFailureIsFoundByTheShardThatOwnsItWithTheSameShrunkString() {
            Scenario scenario = (sim, run) -> PlantedBugs.staleCache(sim);
            FailureReport whole = property("PlantedBugTest#staleCache", scenario).runs(1000).check().failure().orElseThrow();
            Shard owner = new Shard(whole.run() % 4, 4);
            FailureReport part = property("PlantedBugTest#staleCache", scenario).runs(1000).shard(owner).check()
                    .failure().orElseThrow();
            assertEquals(whole.run(), part.run());
            assertEquals(whole.shrunkReplay(), part.shrunkReplay());
            assertTrue(part.source().contains("shard " + owner), part.source());
        }
    }

    @Nested
    class Parallelism {
        @Test
        void parallelAndSequentialChecksGiveTheSameFailuresAndShrunkStrings() {
            List<Property> properties = List.of(
                    property("PlantedBugTest#staleCache", PlantedBugs::staleCache).runs(1000),
                    property("data", PlantedBugs::bigValueAndReversedOrder).runs(200),
                    property("two", PlantedBugs::twoAssertions).runs(50),
                    property("rare", (sim, run) -> assertTrue(sim.choices().between(0, 300) != 299)).runs(2000));
            for (Property p : properties) {
                PropertyResult sequential = p.parallelism(1).check();
                for (int threads : new int[] {2, 4}) {
                    PropertyResult parallel = p.parallelism(threads).check();
                    FailureReport s = sequential.failure().orElseThrow();
                    FailureReport q = parallel.failure().orElseThrow();
                    String what = s.property() + " with " + threads + " threads";
                    assertEquals(s.run(), q.run(), what);
                    assertEquals(s.shrunkReplay(), q.shrunkReplay(), what);
                    assertEquals(s.shrinkRuns(), q.shrinkRuns(), what);
                    assertEquals(sequential.executedRuns(), parallel.executedRuns(), what);
                    assertEquals(withoutTime(s), withoutTime(q), what);
                }
            }
        }

        @Test
        void theLowestFailingRunWinsNotTheFirstToFinish() {
            // Run 3 fails after 20,000 polls, runs 4 and up fail at once: with several threads
            // the later runs finish first.
            Scenario scenario = (sim, run) -> {
                if (run == 3) {
                    sim.blockOn(PlantedBugs.afterYields(20_000, () -> {}));
                }
                assertTrue(run < 3, "run " + run);
            };
            for (int attempt = 0; attempt < 5; attempt++) {
                PropertyResult r = property("slow", scenario).runs(400).parallelism(4).check();
                assertEquals(3, r.failure().orElseThrow().run());
                assertEquals(4, r.executedRuns());
            }
        }

        @Test
        void eachRunStaysOnOneThreadWhileRunsUseSeveral() throws InterruptedException {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            CountDownLatch twoThreads = new CountDownLatch(2);
            AtomicBoolean switched = new AtomicBoolean();
            PropertyResult r = property("threads", (sim, run) -> {
                Thread before = Thread.currentThread();
                if (threads.add(before.getName())) {
                    twoThreads.countDown();
                }
                // Each run waits until a second thread has started one too, so this cannot pass
                // with a single thread.
                assertTrue(twoThreads.await(10, TimeUnit.SECONDS), "only one thread ran runs");
                sim.blockOn(Futures.join(PlantedBugs.afterYields(2, () -> {}), PlantedBugs.afterYields(3, () -> {})));
                switched.compareAndSet(false, Thread.currentThread() != before);
            }).runs(100).parallelism(4).check();
            assertTrue(r.passed());
            assertEquals(100, r.executedRuns());
            assertFalse(switched.get(), "a run moved between threads");
            assertTrue(threads.size() >= 2, "threads: " + threads);
            assertTrue(threads.stream().allMatch(t -> t.startsWith("lockstep-threads-")), threads.toString());
        }
    }

    @Nested
    class Replay {
        @Test
        void aReplayStringRunsOnlyThatRunAndFailsUnshrunk() {
            AtomicInteger runs = new AtomicInteger();
            PropertyResult r = property("PlantedBugTest#staleCache", (sim, run) -> {
                runs.incrementAndGet();
                PlantedBugs.staleCache(sim);
            }).runs(1000).replay("lockstep:1:AgADAw").check();
            FailureReport f = r.failure().orElseThrow();
            assertEquals(1, runs.get());
            assertEquals(FailureReport.Origin.REPLAY, f.origin());
            assertArrayEquals(new int[] {2, 0, 3, 3}, f.shrunkChoices());
            assertEquals(0, r.executedRuns());
        }

        @Test
        void aReplayThatPassesPasses() {
            assertTrue(property("x", PlantedBugs::staleCache).replay("lockstep:1:").check().passed());
        }

        @Test
        void aMalformedReplayStringIsRejectedWithItsProblem() {
            Property p = property("x", PlantedBugs::staleCache).replay("lockstep:1:A=");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::check);
            assertTrue(e.getMessage().contains("padding '='"), e.getMessage());
        }
    }

    @Nested
    class Determinism {
        @Test
        void stateLeakingBetweenRunsIsReportedWithTheFirstDifferingEvent() {
            AtomicInteger calls = new AtomicInteger();
            PropertyResult r = property("leaky", sim -> {
                sim.spawn("task-" + calls.getAndIncrement(), Futures.ready(1));
                sim.blockOn(Futures.yieldNow());
            }).runs(20).checkDeterminism(4).check();
            Nondeterminism n = r.nondeterminism().orElseThrow();
            assertEquals(0, n.run());
            assertEquals(0, n.report().firstDifference());
            String text = n.format();
            assertTrue(text.contains("Property leaky is not deterministic: run 0"), text);
            assertTrue(text.contains("spawn 'task-20'") && text.contains("spawn 'task-21'"), text);
            LockstepFailure thrown = assertThrows(LockstepFailure.class, r::assertPassed);
            assertEquals(text, thrown.getMessage());
        }

        @Test
        void aDeterministicPropertyPassesTheCheckAfterReRunningTheSample() {
            AtomicInteger calls = new AtomicInteger();
            PropertyResult steady = property("steady", (sim, run) -> {
                calls.incrementAndGet();
                sim.blockOn(Futures.join(PlantedBugs.afterYields(2, () -> {}), PlantedBugs.afterYields(3, () -> {})));
            }).runs(30).checkDeterminism(5).check();
            assertTrue(steady.passed());
            assertEquals(30 + 2 * 5, calls.get(), "each sampled run is run twice more");
        }
    }

    @Nested
    class Flaky {
        @Test
        void aFailureThatDoesNotReplayIsReportedUnshrunk() {
            AtomicBoolean first = new AtomicBoolean(true);
            PropertyResult r = property("flaky", sim -> {
                sim.choices().between(0, 9);
                assertFalse(first.getAndSet(false), "fails once");
            }).runs(10).check();
            FailureReport f = r.failure().orElseThrow();
            assertFalse(f.reproduced());
            assertEquals(1, f.shrinkRuns());
            assertTrue(f.format().contains("NOT SHRUNK"), f.format());
        }
    }

    @Nested
    class Report {
        @Test
        void statesWhereWhatHowFarAndHowToReplay() {
            PropertyResult r = property("PlantedBugTest#staleCache", PlantedBugs::staleCache).runs(1000).check();
            FailureReport f = r.failure().orElseThrow();
            String text = f.format();
            for (String part : List.of(
                    "Property PlantedBugTest#staleCache failed.",
                    "run " + f.run() + " of 1000 (seed 1, run seed 0x",
                    "Failure:     org.opentest4j.AssertionFailedError: stale cache: it holds v1 but the store has v2",
                    "at dev.lockstep.property.PlantedBugs.staleCache(PlantedBugs.java:",
                    "from " + f.originalSize() + " choices to 4 in " + f.shrinkRuns() + " runs (",
                    "Setup:       faults[none], scheduler uniform, maxSteps 1000000, livelockSteps 10000",
                    "Replay:      " + f.shrunkReplay(),
                    "@SimTest(replay = \"" + f.shrunkReplay() + "\")",
                    "mvn test -Dtest='PlantedBugTest#staleCache' -Dlockstep.replay=" + f.shrunkReplay(),
                    "LOCKSTEP_REPLAY=" + f.shrunkReplay() + " mvn test -Dtest='PlantedBugTest#staleCache'",
                    "Simulation.builder().replay(\"" + f.shrunkReplay() + "\")",
                    "Decisions the failure needs",
                    "polled 'reader'#2 before the oldest runnable task (choice 1 of 4)",
                    "trace events of the shrunk run:",
                    "poll 'reader'#2 -> Ready")) {
                assertTrue(text.contains(part), "missing: " + part + "\n" + text);
            }
            assertEquals(20, f.trace().size());
            assertArrayEquals(new int[] {0, 1, 2, 3}, f.shrunkChoices());
            assertTrue(f.shrunkReplay().startsWith("lockstep:2:") && f.shrunkReplay().length() < 40, f.shrunkReplay());
        }

        @Test
        void theThrownFailureCarriesTheOriginalAsCauseAndTheShrunkAsSuppressed() {
            PropertyResult r = property("PlantedBugTest#staleCache", PlantedBugs::staleCache).runs(1000).check();
            LockstepFailure thrown = assertThrows(LockstepFailure.class, r::assertPassed);
            FailureReport f = r.failure().orElseThrow();
            assertSame(f.original(), thrown.getCause());
            assertSame(f.shrunkFailure(), thrown.getSuppressed()[0]);
            assertSame(f, thrown.report());
            assertEquals(f.format(), thrown.getMessage());
            assertNotEquals(f.original(), f.shrunkFailure());
        }
    }
}
