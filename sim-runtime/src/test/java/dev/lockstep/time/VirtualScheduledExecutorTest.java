package dev.lockstep.time;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.future.Futures;
import dev.lockstep.runtime.NondeterminismException;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.runtime.TaskFailedException;
import dev.lockstep.trace.TraceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The {@code ScheduledExecutorService} contract, in virtual time. Shutdown is in {@link VirtualScheduledExecutorShutdownTest}. */
class VirtualScheduledExecutorTest {

    /** "name@seconds" for each run, in the order the runs happened. */
    static Runnable logging(List<String> log, Simulation sim, String name) {
        return () -> log.add(name + "@" + sim.clock().elapsed().toSeconds());
    }

    @Nested
    class Ordering {
        @Test
        void delayedTasksRunAtTheirVirtualTimeInDeadlineOrder() {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            List<String> log = new ArrayList<>();
            exec.schedule(logging(log, sim, "c"), 3, SECONDS);
            exec.schedule(logging(log, sim, "a"), 1, SECONDS);
            exec.schedule(logging(log, sim, "b"), 2, SECONDS);
            sim.advance(Duration.ofSeconds(10));
            assertEquals(List.of("a@1", "b@2", "c@3"), log);
        }

        @Test
        void executeAndSubmitRunNowWithoutMovingTheClock() throws Exception {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            List<String> log = new ArrayList<>();
            exec.execute(logging(log, sim, "x"));
            Future<String> f = exec.submit(() -> "done");
            sim.advance(Duration.ZERO);
            assertEquals(List.of("x@0"), log);
            assertTrue(f.isDone());
            assertEquals("done", f.get());
            assertEquals(0, sim.nanos());
        }

        @Test
        void aZeroOrNegativeDelayMeansNow() {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            List<String> log = new ArrayList<>();
            sim.advance(Duration.ofSeconds(5));
            exec.schedule(logging(log, sim, "late"), -3, SECONDS);
            sim.advance(Duration.ZERO);
            assertEquals(List.of("late@5"), log);
        }

        @Test
        void eachSubmissionIsASimulationTaskNamedAfterTheCodeThatSubmittedItAndTheExecutor() {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = VirtualScheduledExecutor.of(sim, "pool");
            exec.schedule(() -> {}, 1, SECONDS);
            exec.execute(() -> {});
            exec.execute(VirtualScheduledExecutor.named("flush", () -> {}));
            submitFromAHelper(exec);
            sim.advance(Duration.ofSeconds(1));
            List<String> spawned = sim.trace().events().stream()
                    .filter(e -> e instanceof TraceEvent.Spawned).map(e -> ((TraceEvent.Spawned) e).name()).toList();
            String here = "Ordering.eachSubmissionIsASimulationTaskNamedAfterTheCodeThatSubmittedItAndTheExecutor";
            assertEquals(List.of(here + "/pool-1", here + "/pool-2", "flush", "Ordering.submitFromAHelper/pool-4"),
                    spawned);
        }

        private void submitFromAHelper(VirtualScheduledExecutor exec) {
            exec.submit(() -> 1);
        }

        @Test
        void tasksDueAtTheSameTimeRunInAnOrderTheSchedulerChoosesAndReplays() {
            Set<List<String>> orders = new HashSet<>();
            for (long seed = 0; seed < 50; seed++) {
                List<String> first = equalDeadlines(seed);
                assertEquals(first, equalDeadlines(seed), "seed " + seed);
                orders.add(first);
            }
            assertTrue(orders.size() > 1, "every seed ran the equal-deadline tasks in the same order: " + orders);
            assertTrue(orders.contains(List.of("a@2", "b@2", "c@2")), "choice 0 must give submission order");
        }

        private List<String> equalDeadlines(long seed) {
            Simulation sim = Simulation.builder().seed(seed).build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            List<String> log = new ArrayList<>();
            for (String n : List.of("a", "b", "c")) {
                exec.schedule(logging(log, sim, n), 2, SECONDS);
            }
            sim.advance(Duration.ofSeconds(2));
            return log;
        }
    }

    @Nested
    class PeriodicTasks {
        @Test
        void fixedRateRunsAtTheInitialDelayAndThenEveryPeriod() {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            List<String> log = new ArrayList<>();
            exec.scheduleAtFixedRate(logging(log, sim, "tick"), 1, 2, SECONDS);
            sim.advance(Duration.ofSeconds(8));
            assertEquals(List.of("tick@1", "tick@3", "tick@5", "tick@7"), log);
        }

        @Test
        void fixedRateCountsFromEachStartWhileFixedDelayCountsFromEachEnd() {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            List<String> log = new ArrayList<>();
            Runnable rate = logging(log, sim, "rate");
            Runnable delay = logging(log, sim, "delay");
            exec.scheduleAtFixedRate(() -> {
                rate.run();
                exec.simulateWork(Duration.ofSeconds(4));
            }, 0, 10, SECONDS);
            exec.scheduleWithFixedDelay(() -> {
                delay.run();
                exec.simulateWork(Duration.ofSeconds(4));
            }, 0, 10, SECONDS);
            sim.advance(Duration.ofSeconds(30));
            assertEquals(List.of("rate@0", "rate@10", "rate@20", "rate@30"),
                    log.stream().filter(s -> s.startsWith("rate")).toList());
            assertEquals(List.of("delay@0", "delay@14", "delay@28"),
                    log.stream().filter(s -> s.startsWith("delay")).toList());
        }

        @Test
        void aFixedRateRunLongerThanThePeriodMakesTheNextStartLateWithoutOverlap() {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            List<String> log = new ArrayList<>();
            Runnable tick = logging(log, sim, "slow");
            exec.scheduleAtFixedRate(() -> {
                tick.run();
                exec.simulateWork(Duration.ofSeconds(15));
            }, 0, 10, SECONDS);
            sim.advance(Duration.ofSeconds(50));
            assertEquals(List.of("slow@0", "slow@15", "slow@30", "slow@45"), log);
        }

        @Test
        void anExceptionInAPeriodicTaskSuppressesLaterRunsAndGetReportsIt() {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            List<String> log = new ArrayList<>();
            ScheduledFuture<?> f = exec.scheduleAtFixedRate(() -> {
                log.add("run@" + sim.clock().elapsed().toSeconds());
                if (log.size() == 3) {
                    throw new IllegalStateException("third run fails");
                }
            }, 1, 1, SECONDS);
            sim.advance(Duration.ofSeconds(10));
            assertEquals(List.of("run@1", "run@2", "run@3"), log);
            assertTrue(f.isDone());
            assertFalse(f.isCancelled());
            ExecutionException e = assertThrows(ExecutionException.class, f::get);
            assertEquals("third run fails", e.getCause().getMessage());
        }

        @Test
        void getDelayCountsDownToTheNextRunInVirtualTime() {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            ScheduledFuture<?> f = exec.scheduleAtFixedRate(() -> {}, 5, 10, SECONDS);
            assertEquals(5, f.getDelay(SECONDS));
            sim.advance(Duration.ofSeconds(3));
            assertEquals(2, f.getDelay(SECONDS));
            sim.advance(Duration.ofSeconds(2));
            assertEquals(10, f.getDelay(SECONDS), "after the run at 5 s the next is at 15 s");
        }

        @Test
        void nonPositivePeriodsAreRejected() {
            VirtualScheduledExecutor exec = Simulation.builder().build().scheduledExecutor();
            assertThrows(IllegalArgumentException.class, () -> exec.scheduleAtFixedRate(() -> {}, 0, 0, SECONDS));
            assertThrows(IllegalArgumentException.class, () -> exec.scheduleWithFixedDelay(() -> {}, 0, -1, SECONDS));
            assertThrows(NullPointerException.class, () -> exec.schedule((Runnable) null, 1, SECONDS));
        }
    }

    @Nested
    class Cancellation {
        @Test
        void aTaskCancelledBeforeItsTimeNeverRunsAndHoldsNoTimer() {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            List<String> log = new ArrayList<>();
            ScheduledFuture<?> f = exec.schedule(logging(log, sim, "never"), 5, SECONDS);
            sim.advance(Duration.ofSeconds(1));
            assertEquals(1, sim.pendingTimers());
            assertTrue(f.cancel(false));
            assertEquals(0, sim.pendingTimers());
            assertEquals(0, sim.liveTasks());
            sim.advance(Duration.ofSeconds(10));
            assertEquals(List.of(), log);
            assertTrue(f.isCancelled() && f.isDone());
            assertThrows(CancellationException.class, f::get);
            assertFalse(f.cancel(false), "a second cancel reports that nothing was cancelled");
        }

        @Test
        void cancellingAPeriodicTaskStopsItsLaterRuns() {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            List<String> log = new ArrayList<>();
            ScheduledFuture<?> f = exec.scheduleWithFixedDelay(logging(log, sim, "p"), 0, 1, SECONDS);
            exec.schedule(() -> f.cancel(false), 2, SECONDS);
            sim.advance(Duration.ofSeconds(10));
            assertTrue(log.size() >= 2 && log.size() <= 3, "runs at 0, 1 and perhaps 2 (same-time order is a choice): " + log);
            assertTrue(f.isCancelled());
        }

        @Test
        void aPeriodicTaskThatCancelsItselfFinishesItsRunAndStops() {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            List<String> log = new ArrayList<>();
            AtomicReference<ScheduledFuture<?>> self = new AtomicReference<>();
            self.set(exec.scheduleAtFixedRate(() -> {
                log.add("run");
                if (log.size() == 2) {
                    self.get().cancel(false);
                    log.add("after cancel");
                }
            }, 0, 1, SECONDS));
            sim.advance(Duration.ofSeconds(5));
            assertEquals(List.of("run", "run", "after cancel"), log);
            assertEquals(0, sim.pendingTimers());
        }

        @Test
        void cancelAfterCompletionChangesNothing() throws Exception {
            Simulation sim = Simulation.builder().build();
            ScheduledFuture<String> f = sim.scheduledExecutor().schedule(() -> "v", 1, SECONDS);
            sim.advance(Duration.ofSeconds(1));
            assertFalse(f.cancel(true));
            assertFalse(f.isCancelled());
            assertEquals("v", f.get());
        }

        @Test
        void crashingTheHostThatScheduledATaskCancelsIt() {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            AtomicReference<ScheduledFuture<?>> f = new AtomicReference<>();
            sim.spawnOnHost("db-1", "boot", Futures.lazy(() -> {
                f.set(exec.scheduleAtFixedRate(() -> {}, 1, 1, SECONDS));
                return null;
            }));
            sim.advance(Duration.ofSeconds(3));
            assertEquals(1, sim.abortHost("db-1"), "the periodic task belongs to db-1");
            assertTrue(f.get().isCancelled());
            assertEquals(0, sim.pendingTimers());
        }
    }

    @Nested
    class WaitingForResults {
        @Test
        void getFromTestCodeRunsTheSimulationUntilTheTaskCompletes() throws Exception {
            Simulation sim = Simulation.builder().build();
            ScheduledFuture<String> f = sim.scheduledExecutor().schedule(() -> "later", 90, SECONDS);
            assertEquals("later", f.get());
            assertEquals(Duration.ofSeconds(90), sim.clock().elapsed());
        }

        @Test
        void getWithATimeoutGivesUpAfterThatMuchVirtualTime() {
            Simulation sim = Simulation.builder().build();
            ScheduledFuture<String> f = sim.scheduledExecutor().schedule(() -> "later", 90, SECONDS);
            assertThrows(TimeoutException.class, () -> f.get(30, SECONDS));
            assertEquals(Duration.ofSeconds(30), sim.clock().elapsed());
            assertFalse(f.isDone());
        }

        @Test
        void getInsideATaskFailsClearlyInsteadOfBlockingTheSimulation() {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            ScheduledFuture<String> f = exec.schedule(() -> "later", 1, SECONDS);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> sim.blockOn(Futures.lazy(() -> {
                try {
                    return f.get();
                } catch (InterruptedException | ExecutionException ex) {
                    throw new AssertionError(ex);
                }
            })));
            assertTrue(e.getMessage().contains("would block task 'main'") && e.getMessage().contains("replay"),
                    e.getMessage());
        }

        @Test
        void getWithAZeroTimeoutInsideATaskIsANonBlockingProbe() {
            Simulation sim = Simulation.builder().build();
            ScheduledFuture<String> f = sim.scheduledExecutor().schedule(() -> "later", 1, SECONDS);
            String probe = sim.blockOn(Futures.lazy(() -> {
                try {
                    return f.get(0, SECONDS);
                } catch (TimeoutException expected) {
                    return "not yet";
                } catch (InterruptedException | ExecutionException e) {
                    throw new AssertionError(e);
                }
            }));
            assertEquals("not yet", probe);
        }

        @Test
        void aCallableThatThrowsCompletesItsFutureExceptionally() {
            Simulation sim = Simulation.builder().build();
            Future<Object> f = sim.scheduledExecutor().submit(() -> {
                throw new java.io.IOException("disk gone");
            });
            ExecutionException e = assertThrows(ExecutionException.class, f::get);
            assertInstanceOf(java.io.IOException.class, e.getCause());
        }

        @Test
        void aCommandGivenToExecuteThatThrowsFailsTheRunInsteadOfVanishing() {
            Simulation sim = Simulation.builder().build();
            sim.scheduledExecutor().execute(() -> {
                throw new IllegalStateException("lost in a thread pool");
            });
            TaskFailedException e = assertThrows(TaskFailedException.class,
                    () -> sim.blockOn(Sleep.of(Duration.ofSeconds(1))));
            assertTrue(e.getMessage().contains("scheduled-1") && e.getMessage().contains("lost in a thread pool"),
                    e.getMessage());
        }

        @Test
        void submitOfARunnableCompletesWithTheGivenResultOrNull() throws Exception {
            Simulation sim = Simulation.builder().build();
            Future<String> f = sim.scheduledExecutor().submit(() -> {}, "result");
            assertEquals("result", f.get());
            assertNull(sim.scheduledExecutor().submit(() -> {}).get());
        }

        @Test
        void compareToOrdersByNextRunTimeThenSubmissionOrder() {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            ScheduledFuture<?> late = exec.schedule(() -> {}, 5, SECONDS);
            ScheduledFuture<?> early = exec.schedule(() -> {}, 1, SECONDS);
            ScheduledFuture<?> earlyToo = exec.schedule(() -> {}, 1, SECONDS);
            List<ScheduledFuture<?>> sorted = new ArrayList<>(List.of(late, earlyToo, early));
            sorted.sort(null);
            assertEquals(List.of(early, earlyToo, late), sorted);
        }
    }

    @Nested
    class InvokeAllAndAny {
        @Test
        void invokeAllFromTestCodeReturnsWhenEveryTaskIsDone() throws Exception {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            List<Future<Integer>> fs = exec.invokeAll(List.of(() -> 1, () -> 2, () -> {
                exec.simulateWork(Duration.ofSeconds(4));
                return 3;
            }));
            assertEquals(3, fs.size());
            for (int i = 0; i < 3; i++) {
                assertTrue(fs.get(i).isDone());
                assertEquals(i + 1, fs.get(i).get());
            }
            assertEquals(Duration.ofSeconds(4), sim.clock().elapsed(), "the slowest task took 4 s of virtual time");
        }

        @Test
        void timedInvokeAllCancelsWhatIsNotDoneInTime() {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            List<Future<String>> fs = exec.invokeAll(List.of(() -> "fast", () -> {
                exec.simulateWork(Duration.ofSeconds(10));
                return "slow";
            }), 2, SECONDS);
            assertFalse(fs.get(0).isCancelled());
            assertTrue(fs.get(1).isCancelled());
            assertEquals(Duration.ofSeconds(2), sim.clock().elapsed());
        }

        @Test
        void invokeAnyReturnsTheFirstSuccessAndCancelsTheRest() throws Exception {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            String first = exec.invokeAny(List.of(() -> {
                throw new IllegalStateException("fails at once");
            }, () -> {
                exec.simulateWork(Duration.ofSeconds(1));
                return "one second";
            }, () -> {
                exec.simulateWork(Duration.ofSeconds(5));
                return "five seconds";
            }));
            assertEquals("one second", first);
            assertEquals(Duration.ofSeconds(1), sim.clock().elapsed());
            assertEquals(0, sim.liveTasks(), "the five-second task was cancelled");
        }

        @Test
        void invokeAnyThrowsExecutionExceptionWhenEveryTaskFails() {
            VirtualScheduledExecutor exec = Simulation.builder().build().scheduledExecutor();
            ExecutionException e = assertThrows(ExecutionException.class, () -> exec.invokeAny(List.of(() -> {
                throw new IllegalStateException("a");
            }, () -> {
                throw new IllegalStateException("b");
            })));
            assertInstanceOf(IllegalStateException.class, e.getCause());
        }

        @Test
        void invokeAllInsideATaskFailsBeforeSubmittingAnything() {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            assertThrows(IllegalStateException.class,
                    () -> sim.blockOn(Futures.lazy(() -> exec.invokeAll(List.of(() -> 1)))));
            assertEquals(0, sim.liveTasks());
        }
    }

    @Nested
    class Threads {
        @Test
        void aCallFromAnotherThreadIsRefusedAndFailsTheRunNamingTheThread() throws Exception {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    exec.execute(() -> {});
                } catch (Throwable e) {
                    thrown.set(e);
                }
            }, "real-pool-7");
            t.start();
            t.join();
            assertInstanceOf(IllegalStateException.class, thrown.get());
            assertEquals(0, sim.liveTasks(), "nothing was submitted");
            NondeterminismException e = assertThrows(NondeterminismException.class,
                    () -> sim.blockOn(Futures.ready(1)));
            assertTrue(e.getMessage().contains("execute() called on thread 'real-pool-7'"), e.getMessage());
            assertTrue(e.getCause().getMessage().contains("real-pool-7"));
        }

        @Test
        void simulateWorkOutsideACommandIsAnError() {
            VirtualScheduledExecutor exec = Simulation.builder().build().scheduledExecutor();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> exec.simulateWork(Duration.ofSeconds(1)));
            assertTrue(e.getMessage().contains("outside a command"), e.getMessage());
        }
    }
}
