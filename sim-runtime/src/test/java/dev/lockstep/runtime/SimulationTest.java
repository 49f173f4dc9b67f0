package dev.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import dev.lockstep.time.Sleep;
import dev.lockstep.trace.DeterminismReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SimulationTest {

    /** Three workers each yield a few times and append their name; the order is the schedule. */
    static List<String> workload(Simulation sim) {
        List<String> log = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            String name = "w" + w;
            sim.spawn(name, new Future<Void>() {
                int rounds;

                @Override
                public Poll<Void> poll(dev.lockstep.future.Context cx) {
                    log.add(name + ":" + rounds);
                    if (rounds++ == 4) {
                        return Poll.ready(null);
                    }
                    cx.waker().wakeByRef();
                    return Poll.pending();
                }
            });
        }
        sim.blockOn(Sleep.of(Duration.ofSeconds(1)));
        return log;
    }

    @Nested
    class Determinism {
        @Test
        void theSameSeedGivesTheSameTraceHashOverAThousandSeeds() {
            for (long seed = 0; seed < 1000; seed++) {
                Simulation a = Simulation.builder().seed(seed).build();
                Simulation b = Simulation.builder().seed(seed).build();
                List<String> la = workload(a);
                List<String> lb = workload(b);
                assertEquals(la, lb, "seed " + seed);
                assertEquals(a.traceHash(), b.traceHash(), "seed " + seed);
            }
        }

        @Test
        void differentSeedsGiveDifferentOrders() {
            Set<List<String>> orders = new HashSet<>();
            Set<Long> hashes = new HashSet<>();
            for (long seed = 0; seed < 100; seed++) {
                Simulation sim = Simulation.builder().seed(seed).build();
                orders.add(workload(sim));
                hashes.add(sim.traceHash());
            }
            assertTrue(orders.size() > 50, "only " + orders.size() + " distinct orders in 100 seeds");
            assertEquals(orders.size(), hashes.size(), "distinct orders must have distinct hashes");
        }

        @Test
        void replayingTheRecordedChoicesReproducesTheRun() {
            Simulation first = Simulation.builder().seed(7).build();
            List<String> order = workload(first);
            Simulation again = Simulation.builder().choices(ChoiceSource.replay(first.replayString())).build();
            assertEquals(order, workload(again));
            assertEquals(first.traceHash(), again.traceHash());
        }

        @Test
        void allZeroChoicesIsFifo() {
            Simulation sim = Simulation.builder().choices(ChoiceSource.replay(new int[0])).build();
            List<String> log = workload(sim);
            assertEquals(List.of("w0:0", "w1:0", "w2:0", "w0:1", "w1:1", "w2:1"), log.subList(0, 6));
        }

        @Test
        void checkDeterminismPassesForADeterministicScenario() {
            DeterminismReport r = Simulation.builder().seed(3).checkDeterminism(SimulationTest::workload);
            r.assertDeterministic();
            assertTrue(r.events() > 10);
        }

        @Test
        void checkDeterminismNamesTheFirstDifferingEvent() {
            int[] runs = {0};
            DeterminismReport r = Simulation.builder().seed(3).checkDeterminism(sim -> {
                // Behaves differently on the second run: state leaking between runs.
                int extra = runs[0]++;
                sim.spawn("leaky-" + extra, Futures.ready(1));
                workload(sim);
            });
            assertFalse(r.deterministic());
            assertEquals(0, r.firstDifference());
            assertTrue(r.toString().contains("leaky-0") && r.toString().contains("leaky-1"), r.toString());
            assertThrows(AssertionError.class, r::assertDeterministic);
        }
    }

    @Nested
    class Scheduling {
        @Test
        void aWakeOfAScheduledTaskDoesNotScheduleItTwice() {
            Simulation sim = Simulation.builder().seed(1).build();
            int[] polls = {0};
            AtomicReference<Waker> stored = new AtomicReference<>();
            JoinHandle<Void> h = sim.spawn("target", cx -> {
                polls[0]++;
                stored.set(cx.waker());
                return polls[0] == 2 ? Poll.ready(null) : Poll.pending();
            });
            sim.blockOn(cx -> {
                if (stored.get() == null) {
                    cx.waker().wakeByRef();
                    return Poll.pending();
                }
                stored.get().wakeByRef();
                stored.get().wakeByRef();
                stored.get().wake();
                return Poll.ready(null);
            });
            sim.blockOn(h);
            assertEquals(2, polls[0]);
        }

        @Test
        void twoTasksMayAwaitTheSameJoinHandle() {
            for (long seed = 0; seed < 50; seed++) {
                Simulation sim = Simulation.builder().seed(seed).build();
                JoinHandle<Void> slow = sim.spawn("slow", Sleep.of(Duration.ofSeconds(1)));
                JoinHandle<Void> a = sim.spawn("a", slow);
                JoinHandle<Void> b = sim.spawn("b", slow);
                sim.blockOn(Futures.join(a, b));
                assertTrue(a.isFinished() && b.isFinished(), "seed " + seed);
            }
        }

        @Test
        void aWakeAfterCompletionIsIgnored() {
            Simulation sim = Simulation.builder().build();
            AtomicReference<Waker> w = new AtomicReference<>();
            JoinHandle<Integer> h = sim.spawn("done", cx -> {
                w.set(cx.waker());
                return Poll.ready(5);
            });
            assertEquals(5, sim.blockOn(h));
            w.get().wake();
            assertEquals(0, sim.liveTasks());
            assertEquals(7, sim.blockOn(Futures.ready(7)));
        }

        @Test
        void aTaskThatThrowsFailsItsJoinHandleWithItsName() {
            Simulation sim = Simulation.builder().build();
            Future<Object> parent = Futures.lazy(() -> sim.handle().spawn("exploder", c -> {
                throw new IllegalStateException("boom");
            })).then(h -> h);
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> sim.blockOn(parent));
            assertEquals("exploder", e.taskName());
            assertTrue(e.getMessage().contains("task 'exploder'#1 failed"), e.getMessage());
        }

        @Test
        void anAwaitedFailureCarriesTheCause() {
            Simulation sim = Simulation.builder().build();
            JoinHandle<Object> h = sim.spawn("exploder", c -> {
                throw new IllegalStateException("boom");
            });
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> sim.blockOn(h));
            assertEquals("exploder", e.taskName());
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertTrue(e.getMessage().contains("replay: lockstep:2:"), e.getMessage());
        }

        @Test
        void aFailureNobodyAwaitsFailsTheSimulationWithTheTaskName() {
            Simulation sim = Simulation.builder().build();
            sim.spawn("forgotten", c -> {
                throw new ArithmeticException("divide by zero");
            });
            TaskFailedException e = assertThrows(TaskFailedException.class,
                    () -> sim.blockOn(Sleep.of(Duration.ofMillis(1))));
            assertTrue(e.getMessage().contains("'forgotten'"), e.getMessage());
            assertTrue(e.getMessage().contains("nobody awaited"), e.getMessage());
            assertInstanceOf(ArithmeticException.class, e.getCause());
        }

        @Test
        void severalFailuresNobodyAwaitsAreReportedTogether() {
            Simulation sim = Simulation.builder().build();
            for (String name : List.of("first", "second", "third")) {
                sim.spawn(name, c -> {
                    throw new ArithmeticException(name + " failed");
                });
            }
            TaskFailedException e = assertThrows(TaskFailedException.class,
                    () -> sim.blockOn(Sleep.of(Duration.ofMillis(1))));
            assertTrue(e.getMessage().contains("(and 2 more failed tasks, attached as suppressed)"), e.getMessage());
            assertEquals(2, e.getSuppressed().length);
        }

        @Test
        void theRootFuturesExceptionIsRethrownUnchanged() {
            Simulation sim = Simulation.builder().build();
            IllegalArgumentException boom = new IllegalArgumentException("root");
            assertSame(boom, assertThrows(IllegalArgumentException.class, () -> sim.blockOn(cx -> {
                throw boom;
            })));
        }
    }

    @Nested
    class Limits {
        @Test
        void aLivelockStopsAtMaxStepsWithTheTraceTail() {
            Simulation sim = Simulation.builder().maxSteps(500).build();
            StepLimitException e = assertThrows(StepLimitException.class, () -> sim.blockOn(cx -> {
                cx.waker().wakeByRef();
                return Poll.pending();
            }));
            assertEquals(500, e.step());
            assertTrue(e.getMessage().contains("poll 'main'#0 -> Pending"), e.getMessage());
        }

        @Test
        void maxVirtualTimeStopsARunThatSleepsTooLong() {
            Simulation sim = Simulation.builder().maxVirtualTime(Duration.ofMinutes(1)).build();
            StepLimitException e = assertThrows(StepLimitException.class,
                    () -> sim.blockOn(Sleep.of(Duration.ofHours(1))));
            assertTrue(e.getMessage().contains("virtual time limit"), e.getMessage());
        }
    }

    @Nested
    class BadInput {
        @Test
        void aNullFutureIsRejected() {
            Simulation sim = Simulation.builder().build();
            assertThrows(NullPointerException.class, () -> sim.blockOn(null));
            assertThrows(NullPointerException.class, () -> sim.spawn("x", null));
        }

        @Test
        void spawningAfterTheSimulationEndedIsRejected() {
            Simulation sim = Simulation.builder().build();
            sim.shutdown();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> sim.spawn("late", Futures.ready(1)));
            assertTrue(e.getMessage().contains("after the simulation ended"), e.getMessage());
        }

        @Test
        void aFailedRunEndsTheSimulation() {
            Simulation sim = Simulation.builder().build();
            assertThrows(DeadlockException.class, () -> sim.blockOn(Futures.pending()));
            assertThrows(IllegalStateException.class, () -> sim.blockOn(Futures.ready(1)));
        }

        @Test
        void blockOnFromInsideATaskIsRejected() {
            Simulation sim = Simulation.builder().build();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> sim.blockOn(cx -> Poll.ready(sim.blockOn(Futures.ready(1)))));
            assertTrue(e.getMessage().contains("re-entered from inside task 'main'#0"), e.getMessage());
        }

        @Test
        void pollingAJoinHandleFromOutsideTheSimulationIsRejected() {
            Simulation sim = Simulation.builder().build();
            JoinHandle<Integer> h = sim.spawn("t", Futures.ready(1));
            Simulation other = Simulation.builder().build();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.blockOn(h));
            assertTrue(e.getMessage().contains("polled from outside its simulation"), e.getMessage());
        }

        @Test
        void aWakeFromAnotherThreadIsReportedAsNondeterminism() throws Exception {
            Simulation sim = Simulation.builder().build();
            AtomicReference<Waker> w = new AtomicReference<>();
            sim.spawn("waiter", cx -> {
                w.set(cx.waker());
                return Poll.pending();
            });
            sim.advance(Duration.ZERO);
            Thread t = new Thread(() -> w.get().wake(), "rogue-pool-1");
            t.start();
            t.join();
            NondeterminismException e = assertThrows(NondeterminismException.class,
                    () -> sim.blockOn(Sleep.of(Duration.ofSeconds(1))));
            assertTrue(e.getMessage().contains("rogue-pool-1") && e.getMessage().contains("'waiter'"), e.getMessage());
            assertTrue(e.getCause().getMessage().contains("rogue-pool-1"));
        }
    }

    @Test
    void differentSeedsChangeTheTraceHash() {
        Simulation a = Simulation.builder().seed(1).build();
        Simulation b = Simulation.builder().seed(2).build();
        workload(a);
        workload(b);
        assertNotEquals(a.traceHash(), b.traceHash());
    }
}
