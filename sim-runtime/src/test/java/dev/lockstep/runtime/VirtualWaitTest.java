package dev.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;
import dev.lockstep.time.Sleep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class VirtualWaitTest {

    /** A task that sleeps {@code d} and then runs {@code action}. */
    static Future<Void> after(Duration d, Runnable action) {
        return Sleep.of(d).map(x -> {
            action.run();
            return null;
        });
    }

    /** A task that yields {@code n} times, logging each poll, then completes. */
    static Future<Void> yielding(String name, int n, List<String> log) {
        int[] polls = new int[1];
        return cx -> {
            log.add(name + ":" + polls[0]);
            if (polls[0]++ == n) {
                return Poll.ready(null);
            }
            cx.waker().wakeByRef();
            return Poll.pending();
        };
    }

    @Nested
    class WhenTheConditionHolds {
        @Test
        void aWaitAndAPollIntervalPastTheEndOfVirtualTimeAreSaturatedNotAnOverflow() {
            Simulation sim = Simulation.builder().build();
            AtomicBoolean done = new AtomicBoolean();
            sim.spawn("timer", after(Duration.ofHours(1), () -> done.set(true)));
            sim.await().atMost(Duration.ofDays(365L * 1000)).pollInterval(Duration.ofDays(365L * 500)).until(done::get);
            assertEquals(Long.MAX_VALUE, sim.nanos(), "one step of the saturated poll interval reaches the end");
            assertTrue(done.get());
        }

        @Test
        void aConditionMetByRunnableTasksReturnsWithoutMovingTheClock() {
            for (long seed = 0; seed < 100; seed++) {
                Simulation sim = Simulation.builder().seed(seed).build();
                List<String> log = new ArrayList<>();
                sim.spawn("a", yielding("a", 3, log));
                sim.spawn("b", yielding("b", 2, log));
                sim.await().until(() -> log.size() == 7);
                assertEquals(0, sim.nanos(), "seed " + seed);
                assertEquals(0, sim.liveTasks(), "seed " + seed);
            }
        }

        @Test
        void aConditionMetAfterATimerReturnsAtTheFirstCheckAfterIt() {
            for (long seed = 0; seed < 200; seed++) {
                Simulation sim = Simulation.builder().seed(seed).build();
                long ms = sim.choices().between(1, 3000);
                AtomicBoolean done = new AtomicBoolean();
                sim.spawn("timer", after(Duration.ofMillis(ms), () -> done.set(true)));
                sim.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(done::get);
                long expected = (ms + 99) / 100 * 100;   // the checks are on a 100 ms grid from t=0
                assertEquals(expected, sim.clock().elapsed().toMillis(), "seed " + seed + ", timer at " + ms + " ms");
            }
        }

        @Test
        void aZeroPollIntervalChecksAfterEveryTimerAndSoReturnsAtTheTimer() {
            for (long seed = 0; seed < 200; seed++) {
                Simulation sim = Simulation.builder().seed(seed).build();
                long ms = sim.choices().between(1, 3000);
                AtomicInteger ticks = new AtomicInteger();
                for (int i = 1; i <= 3; i++) {
                    sim.spawn("tick-" + i, after(Duration.ofMillis(ms * i), ticks::incrementAndGet));
                }
                sim.await().pollInterval(Duration.ZERO).until(() -> ticks.get() == 2);
                assertEquals(2 * ms, sim.clock().elapsed().toMillis(), "seed " + seed);
                assertEquals(1, sim.pendingTimers(), "the third timer is left pending, seed " + seed);
            }
        }

        @Test
        void untilWithAPredicateReturnsTheAcceptedValue() {
            Simulation sim = Simulation.builder().seed(1).build();
            AtomicInteger n = new AtomicInteger();
            for (int i = 1; i <= 5; i++) {
                sim.spawn("inc-" + i, after(Duration.ofSeconds(i), n::incrementAndGet));
            }
            int got = sim.await().until(n::get, v -> v >= 3);
            assertEquals(3, got);
            assertEquals(3_000, sim.clock().elapsed().toMillis());
        }

        @Test
        void untilAssertedRetriesFailedAssertionsUntilOnePasses() {
            Simulation sim = Simulation.builder().seed(2).build();
            AtomicInteger n = new AtomicInteger();
            sim.spawn("inc", after(Duration.ofMillis(1_250), n::incrementAndGet));
            sim.await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertEquals(1, n.get()));
            assertEquals(1_300, sim.clock().elapsed().toMillis());
        }
    }

    @Nested
    class WhenTheConditionIsNeverMet {
        @Test
        void theTimeoutNamesTheConditionTheVirtualTimeTheChecksAndTheReplayString() {
            Simulation sim = Simulation.builder().seed(3).build();
            AtomicInteger n = new AtomicInteger();
            sim.spawn("slow", after(Duration.ofSeconds(60), n::incrementAndGet));
            WaitTimeoutException e = assertThrows(WaitTimeoutException.class, () -> sim.await("the counter reaches 1")
                    .atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(500)).until(() -> n.get() == 1));
            String m = e.getMessage();
            assertTrue(m.startsWith("condition 'the counter reaches 1' was not met within 5.000s of virtual time"
                    + " (checked 11 times from t=0.000s to t=5.000s, every 0.500s); at the last check false;"
                    + " 1 task(s) unfinished, 1 timer(s) pending"), m);
            assertTrue(m.contains("virtual time 5.000s"), m);
            assertTrue(m.contains("replay: " + sim.replayString()), m);
            assertEquals("the counter reaches 1", e.alias());
            assertEquals(5_000_000_000L, e.nanos());
            assertEquals(5_000, sim.clock().elapsed().toMillis(), "the wait stops at its deadline");
            assertEquals(0, n.get());
        }

        @Test
        void anAssertionThatNeverPassesIsTheCauseAndItsMessageIsQuoted() {
            Simulation sim = Simulation.builder().seed(4).build();
            AssertionError[] last = new AssertionError[1];
            WaitTimeoutException e = assertThrows(WaitTimeoutException.class, () -> sim.await()
                    .atMost(Duration.ofMillis(300)).untilAsserted(() -> {
                        last[0] = new AssertionError("expected 3 entries but saw 0");
                        throw last[0];
                    }));
            assertSame(last[0], e.getCause());
            assertTrue(e.getMessage().contains("the assertion failed: expected 3 entries but saw 0"), e.getMessage());
            assertTrue(e.getMessage().contains("without an alias (name it: sim.await(\"what it waits for\"))"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("(nothing left that could change it)"), e.getMessage());
            assertNull(e.alias());
        }

        @Test
        void aPredicateWaitQuotesTheLastValue() {
            Simulation sim = Simulation.builder().seed(5).build();
            AtomicInteger n = new AtomicInteger();
            sim.spawn("inc", after(Duration.ofSeconds(1), n::incrementAndGet));
            WaitTimeoutException e = assertThrows(WaitTimeoutException.class,
                    () -> sim.await("two increments").atMost(Duration.ofSeconds(3)).until(n::get, v -> v == 2));
            assertTrue(e.getMessage().contains("at the last check the value was 1"), e.getMessage());
        }

        @Test
        void otherExceptionsOfTheConditionPropagateUnchanged() {
            Simulation sim = Simulation.builder().seed(6).build();
            IllegalStateException boom = new IllegalStateException("boom");
            assertSame(boom, assertThrows(IllegalStateException.class, () -> sim.await().until(() -> {
                throw boom;
            })));
        }

        @Test
        void badArgumentsAreRefusedWithTheirName() {
            Simulation sim = Simulation.builder().build();
            assertTrue(assertThrows(IllegalArgumentException.class, () -> sim.await().atMost(Duration.ofSeconds(-1)))
                    .getMessage().contains("atMost"));
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> sim.await().pollInterval(Duration.ofSeconds(-1))).getMessage().contains("pollInterval"));
        }
    }

    @Nested
    class UnderFaultInjection {
        /** A producer wakes a consumer through a flag three times, a timer apart; the wait sees all three. */
        static long[] scenario(long seed, FaultPlan plan) {
            Simulation sim = Simulation.builder().seed(seed).faults(plan).build();
            AtomicInteger seen = new AtomicInteger();
            long gap = sim.choices().between(1, 50);
            TestFlag[] flags = {new TestFlag(false), new TestFlag(false), new TestFlag(false)};
            for (int i = 0; i < 3; i++) {
                TestFlag f = flags[i];
                sim.spawn("consumer-" + i, f.await().map(x -> seen.incrementAndGet()));
                sim.spawn("producer-" + i, after(Duration.ofMillis(gap * (i + 1)), f::set));
            }
            sim.await("three wakes seen").atMost(Duration.ofSeconds(1)).pollInterval(Duration.ZERO)
                    .until(() -> seen.get() == 3);
            return new long[] {sim.nanos(), sim.traceHash(), gap};
        }

        @Test
        void theConditionIsMetAtTheLastWakeAndEachSeedRepeatsExactly() {
            for (long seed = 0; seed < 200; seed++) {
                FaultPlan plan = seed % 2 == 0 ? FaultPlan.all(0.3) : FaultPlan.swarm();
                long[] a = scenario(seed, plan);
                long[] b = scenario(seed, plan);
                assertEquals(a[0], b[0], "seed " + seed);
                assertEquals(a[1], b[1], "trace hash, seed " + seed);
                assertEquals(Duration.ofMillis(3 * a[2]).toNanos(), a[0], "seed " + seed);
            }
        }

        @Test
        void aLostWakeupIsATimeoutThatNamesTheCondition() {
            Simulation sim = Simulation.builder().seed(7).faults(FaultPlan.all(0.3)).build();
            TestFlag flag = new TestFlag(false);
            AtomicBoolean woke = new AtomicBoolean();
            sim.spawn("consumer", flag.await().map(x -> {
                woke.set(true);
                return null;
            }));
            // The bug: the producer never calls set(), so no wake ever comes.
            sim.spawn("producer", after(Duration.ofMillis(10), () -> { }));
            WaitTimeoutException e = assertThrows(WaitTimeoutException.class,
                    () -> sim.await("the consumer wakes").atMost(Duration.ofSeconds(1)).until(woke::get));
            assertTrue(e.getMessage().contains("'the consumer wakes'") && e.getMessage().contains("1 task(s) unfinished"),
                    e.getMessage());
        }
    }

    @Nested
    class RunUntilIdleAndStepOnce {
        @Test
        void runUntilIdleRunsEveryRunnableTaskButLeavesTimersAlone() {
            Simulation sim = Simulation.builder().seed(8).build();
            List<String> log = new ArrayList<>();
            sim.spawn("a", yielding("a", 3, log));
            AtomicBoolean fired = new AtomicBoolean();
            sim.spawn("later", after(Duration.ofSeconds(1), () -> fired.set(true)));
            sim.runUntilIdle();
            assertEquals(4, log.size());
            assertEquals(0, sim.nanos());
            assertFalse(fired.get());
            assertEquals(1, sim.liveTasks());
            assertEquals(1, sim.pendingTimers());
        }

        @Test
        void stepOncePollsExactlyOneTaskAndSaysWhenNothingIsRunnable() {
            Simulation sim = Simulation.builder().seed(9).build();
            List<String> log = new ArrayList<>();
            sim.spawn("a", yielding("a", 1, log));
            sim.spawn("b", yielding("b", 1, log));
            sim.spawn("later", Sleep.of(Duration.ofSeconds(1)));
            for (int i = 1; i <= 5; i++) {
                assertTrue(sim.stepOnce());
                assertEquals(i, sim.step());
            }
            assertEquals(4, log.size());
            assertFalse(sim.stepOnce(), "only a timer is left");
            assertEquals(5, sim.step());
            assertEquals(0, sim.nanos());
        }

        @Test
        void stepOnceFollowsTheSameScheduleAsBlockOn() {
            for (long seed = 0; seed < 50; seed++) {
                List<String> stepped = new ArrayList<>();
                Simulation a = Simulation.builder().seed(seed).build();
                a.spawn("x", yielding("x", 2, stepped));
                a.spawn("y", yielding("y", 2, stepped));
                while (a.stepOnce()) {
                    // one poll at a time
                }
                List<String> run = new ArrayList<>();
                Simulation b = Simulation.builder().seed(seed).build();
                b.spawn("x", yielding("x", 2, run));
                b.spawn("y", yielding("y", 2, run));
                b.runUntilIdle();
                assertEquals(run, stepped, "seed " + seed);
                assertEquals(b.traceHash(), a.traceHash(), "seed " + seed);
            }
        }

        @Test
        void aTaskCannotDriveTheSimulation() {
            Simulation sim = Simulation.builder().build();
            Future<Void> driver = Futures.pollFn(cx -> {
                sim.runUntilIdle();
                return Poll.ready(null);
            });
            RuntimeException e = assertThrows(RuntimeException.class, () -> sim.blockOn(driver));
            IllegalStateException ise = e instanceof IllegalStateException i ? i
                    : assertInstanceOf(IllegalStateException.class, e.getCause());
            assertTrue(ise.getMessage().contains("runUntilIdle() called from inside task"), ise.getMessage());
        }

        @Test
        void aTaskCannotWaitEither() {
            Simulation sim = Simulation.builder().build();
            Future<Void> waiter = Futures.pollFn(cx -> {
                sim.await().until(() -> true);
                return Poll.ready(null);
            });
            RuntimeException e = assertThrows(RuntimeException.class, () -> sim.blockOn(waiter));
            IllegalStateException ise = e instanceof IllegalStateException i ? i
                    : assertInstanceOf(IllegalStateException.class, e.getCause());
            assertTrue(ise.getMessage().startsWith("await() called from inside task 'main'"), ise.getMessage());
        }

        @Test
        void nothingDrivesASimulationThatEnded() {
            Simulation sim = Simulation.builder().build();
            sim.shutdown();
            for (Runnable call : List.<Runnable>of(sim::runUntilIdle, sim::stepOnce, () -> sim.await().until(() -> true))) {
                IllegalStateException e = assertThrows(IllegalStateException.class, call::run);
                assertTrue(e.getMessage().contains("after the simulation ended"), e.getMessage());
            }
        }
    }
}
