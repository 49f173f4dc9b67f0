package dev.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.schedule.Scheduler;
import dev.lockstep.time.Sleep;
import dev.lockstep.trace.TraceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

    static Simulation sim(long seed, FaultPlan plan) {
        return Simulation.builder().seed(seed).faults(plan).build();
    }

    static List<TraceEvent.Fault> faults(Simulation sim, String kind) {
        List<TraceEvent.Fault> out = new ArrayList<>();
        for (TraceEvent e : sim.trace().events()) {
            if (e instanceof TraceEvent.Fault f && f.kind().equals(kind)) {
                out.add(f);
            }
        }
        return out;
    }

    /** Polls {@code inner} and counts the polls. */
    static final class Counted<T> implements Future<T> {
        final Future<T> inner;
        int polls;

        Counted(Future<T> inner) {
            this.inner = inner;
        }

        @Override
        public Poll<T> poll(Context cx) {
            polls++;
            return inner.poll(cx);
        }
    }

    @Nested
    class WithNoFaults {
        @Test
        void theTraceIsThePlainExecutorsForTheSameSeed() {
            for (long seed = 0; seed < 300; seed++) {
                Simulation plain = Simulation.builder().seed(seed).build();
                Simulation none = Simulation.builder().seed(seed).faults(FaultPlan.none())
                        .scheduler(Scheduler.uniform()).build();
                List<String> a = SimulationTest.workload(plain);
                List<String> b = SimulationTest.workload(none);
                assertEquals(a, b, "seed " + seed);
                assertEquals(plain.traceHash(), none.traceHash(), "seed " + seed);
                assertEquals(plain.replayString(), none.replayString(), "seed " + seed);
            }
        }

        @Test
        void aFaultAtProbabilityZeroDrawsNothing() {
            Simulation plain = Simulation.builder().seed(9).build();
            Simulation zero = Simulation.builder().seed(9).faults(FaultPlan.all(0.0)).build();
            SimulationTest.workload(plain);
            SimulationTest.workload(zero);
            assertEquals(plain.trace().events(), zero.trace().events());
        }
    }

    @Nested
    class WithEveryFault {
        @Test
        void aRunReplaysFromItsReplayStringEventForEvent() {
            for (long seed = 0; seed < 20; seed++) {
                Simulation.builder().seed(seed).faults(FaultPlan.all(0.3)).checkDeterminism(SimulationTest::workload)
                        .assertDeterministic();
                Simulation.builder().seed(seed).faults(FaultPlan.swarm()).scheduler(Scheduler.pct(3, 30))
                        .checkDeterminism(SimulationTest::workload).assertDeterministic();
            }
        }

        @Test
        void allZeroChoicesInjectNothing() {
            Simulation plain = fifo();
            Simulation zeros = Simulation.builder().choices(ChoiceSource.replay(new int[0]))
                    .faults(FaultPlan.all(0.9)).build();
            assertEquals(SimulationTest.workload(plain), SimulationTest.workload(zeros));
            assertTrue(zeros.trace().events().stream().noneMatch(e -> e instanceof TraceEvent.Fault),
                    "a recorded 0 is no fault");
        }
    }

    @Nested
    class Reorder {
        @Test
        void movesThePickedTaskToTheBackAndRecordsItByName() {
            Simulation sim = sim(3, FaultPlan.only(FaultKind.REORDER, 1.0));
            List<String> log = SimulationTest.workload(sim);
            assertEquals(15, log.size(), "every worker still runs all its rounds");
            List<TraceEvent.Fault> reorders = faults(sim, "reorder");
            assertFalse(reorders.isEmpty());
            assertTrue(reorders.get(0).name().startsWith("w"), reorders.get(0).toString());
            assertTrue(reorders.get(0).detail().contains("moved to the back"), reorders.get(0).detail());
        }
    }

    static Simulation eager(FaultPlan plan) {
        return Simulation.builder().choices(new EagerChoices()).faults(plan).build();
    }

    static Simulation fifo() {
        return Simulation.builder().choices(ChoiceSource.replay(new int[0])).build();
    }

    @Nested
    class SpuriousPoll {
        @Test
        void pollsASleepingTaskThatNobodyWokeBeforeTheClockMoves() {
            Simulation sim = eager(FaultPlan.only(FaultKind.SPURIOUS_POLL, 1.0));
            Counted<Void> sleeper = new Counted<>(Sleep.of(Duration.ofSeconds(1)));
            JoinHandle<Void> h = sim.spawn("sleeper", sleeper);
            sim.blockOn(h);
            assertTrue(sleeper.polls > 2, "a sleep is polled twice without faults, here " + sleeper.polls);
            assertEquals(1_000_000_000L, sim.nanos(), "a correct sleep still ends at its deadline");
            TraceEvent.Fault f = faults(sim, "spurious-poll").get(0);
            assertEquals("sleeper", f.name());
            assertEquals(0, f.nanos(), "the first spurious poll comes before the clock moves");
        }

        @Test
        void spuriousPollsAreRationedSoARunStillEnds() {
            Simulation sim = eager(FaultPlan.only(FaultKind.SPURIOUS_POLL, 1.0));
            List<String> log = SimulationTest.workload(sim);
            assertEquals(15, log.size());
            long spurious = faults(sim, "spurious-poll").size();
            assertTrue(spurious > 0 && spurious <= sim.step() / 2, spurious + " spurious of " + sim.step() + " polls");
        }

        @Test
        void aRealDeadlockIsStillADeadlock() {
            Simulation sim = eager(FaultPlan.only(FaultKind.SPURIOUS_POLL, 1.0));
            DeadlockException e = assertThrows(DeadlockException.class, () -> sim.blockOn(Futures.pending()));
            assertTrue(e.hasLostWakeup(), e.getMessage());
            assertTrue(e.getMessage().contains("setup: faults[spurious-poll=1.0]"), e.getMessage());
        }
    }

    @Nested
    class WakeFaults {
        /** A waiter that awaits the flag then sleeps 1 ms; returns how often it was polled. */
        int waiterPolls(Simulation sim) {
            TestFlag flag = new TestFlag(false);
            Counted<Void> waiter = new Counted<>(flag.await().then(b -> Sleep.of(Duration.ofMillis(1))));
            JoinHandle<Void> w = sim.spawn("waiter", waiter);
            sim.advance(Duration.ZERO);
            sim.spawn("setter", Futures.lazy(() -> {
                flag.set();
                return 0;
            }));
            sim.blockOn(w);
            return waiter.polls;
        }

        @Test
        void aDuplicatedWakeIsDeliveredOnceTheTaskWaitsAgainAndPollsItOnceMore() {
            assertEquals(3, waiterPolls(fifo()), "first poll, after the wake, after the timer");
            Simulation sim = eager(FaultPlan.only(FaultKind.DUPLICATE_WAKE, 1.0).withMaxWakeDelay(1));
            assertEquals(4, waiterPolls(sim));
            assertEquals("waiter", faults(sim, "duplicate-wake").get(0).name());
        }

        /** Order of polls when a setter wakes a waiter and then spawns five busy tasks. */
        List<String> order(Simulation sim) {
            List<String> log = new ArrayList<>();
            TestFlag flag = new TestFlag(false);
            JoinHandle<Boolean> w = sim.spawn("waiter", flag.await().map(b -> {
                log.add("waiter");
                return b;
            }));
            sim.advance(Duration.ZERO);
            sim.spawn("setter", Futures.lazy(() -> {
                flag.set();
                for (int i = 1; i <= 5; i++) {
                    String name = "b" + i;
                    sim.handle().spawn(name, Futures.lazy(() -> log.add(name)));
                }
                return 0;
            }));
            sim.blockOn(w);
            sim.blockOn(Sleep.of(Duration.ofMillis(1)));
            return log;
        }

        @Test
        void aDelayedWakeLetsLaterWorkRunFirstButIsNeverLost() {
            assertEquals(List.of("waiter", "b1", "b2", "b3", "b4", "b5"), order(fifo()));
            Simulation sim = eager(FaultPlan.only(FaultKind.DELAY_WAKE, 1.0).withMaxWakeDelay(3));
            List<String> delayed = order(sim);
            assertEquals(6, delayed.size(), delayed.toString());
            assertTrue(delayed.indexOf("waiter") > delayed.indexOf("b1"), delayed.toString());
            TraceEvent.Fault held = faults(sim, "delay-wake").get(0);
            assertEquals("waiter", held.name());
            assertTrue(held.detail().contains("held for 3 steps"), held.detail());
        }

        @Test
        void advanceGetsPastAHeldWakeOfATaskThatHasFinished() {
            Simulation sim = eager(FaultPlan.only(FaultKind.DUPLICATE_WAKE, 1.0).withMaxWakeDelay(8));
            TestFlag flag = new TestFlag(false);
            sim.spawn("waiter", flag.await());
            sim.advance(Duration.ZERO);
            sim.spawn("setter", Futures.lazy(() -> {
                flag.set();
                return 0;
            }));
            sim.advance(Duration.ofMillis(1));
            assertEquals(1_000_000L, sim.nanos());
            assertEquals(0, sim.liveTasks());
            assertEquals("waiter", faults(sim, "duplicate-wake").get(0).name());
        }

        @Test
        void aHeldTimerWakeIsDeliveredBeforeTheClockMoves() {
            Simulation sim = eager(FaultPlan.only(FaultKind.DELAY_WAKE, 1.0));
            sim.blockOn(Sleep.of(Duration.ofMillis(5)));
            assertEquals(5_000_000L, sim.nanos());
            assertEquals("main", faults(sim, "delay-wake").get(0).name());
        }
    }

    @Nested
    class FreshWaker {
        @Test
        void aFutureThatWakesTheLatestWakerIsUnaffected() {
            for (long seed = 0; seed < 20; seed++) {
                Simulation sim = sim(seed, FaultPlan.only(FaultKind.FRESH_WAKER, 1.0));
                TestFlag flag = new TestFlag(false);
                JoinHandle<Object> waiter = sim.spawn("waiter",
                        Futures.join(flag.await(), Sleep.of(Duration.ofMillis(1))).map(b -> (Object) b));
                sim.spawn("setter", Sleep.of(Duration.ofMillis(2)).map(v -> {
                    flag.set();
                    return v;
                }));
                sim.blockOn(waiter);
                assertFalse(faults(sim, "fresh-waker").isEmpty());
            }
        }

        @Test
        void aFutureThatKeepsTheFirstWakerDeadlocksAsAStaleWaker() {
            Simulation sim = sim(0, FaultPlan.only(FaultKind.FRESH_WAKER, 1.0));
            TestFlag flag = new TestFlag(true);
            JoinHandle<Object> waiter = sim.spawn("waiter",
                    Futures.join(flag.await(), Sleep.of(Duration.ofMillis(1))).map(b -> (Object) b));
            sim.spawn("setter", Sleep.of(Duration.ofMillis(2)).map(v -> {
                flag.set();
                return v;
            }));
            DeadlockException e = assertThrows(DeadlockException.class, () -> sim.blockOn(waiter));
            assertTrue(e.hasStaleWaker(), e.getMessage());
            assertTrue(e.getMessage().contains("'waiter'#0") && e.getMessage().contains("STALE WAKER"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("was woken at step"), e.getMessage());
            TraceEvent.Fault stale = faults(sim, "stale-waker").get(0);
            assertEquals("waiter", stale.name());
        }

        @Test
        void withoutTheFaultTheSameBugGoesUnnoticed() {
            Simulation sim = sim(0, FaultPlan.none());
            TestFlag flag = new TestFlag(true);
            JoinHandle<Object> waiter = sim.spawn("waiter",
                    Futures.join(flag.await(), Sleep.of(Duration.ofMillis(1))).map(b -> (Object) b));
            sim.spawn("setter", Sleep.of(Duration.ofMillis(2)).map(v -> {
                flag.set();
                return v;
            }));
            sim.blockOn(waiter);
            assertEquals(2_000_000L, sim.nanos());
        }
    }
}
