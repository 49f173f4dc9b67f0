package dev.lockstep.time;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.future.Futures;
import dev.lockstep.runtime.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Shutdown, shutdownNow, termination and rejection, as {@code ScheduledThreadPoolExecutor} documents them. */
class VirtualScheduledExecutorShutdownTest {

    @Nested
    class Shutdown {
        @Test
        void newTasksAreRejectedAfterShutdownWithAMessageNamingTheExecutor() {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = VirtualScheduledExecutor.of(sim, "retries");
            exec.shutdown();
            assertTrue(exec.isShutdown());
            RejectedExecutionException e = assertThrows(RejectedExecutionException.class, () -> exec.execute(() -> {}));
            assertTrue(e.getMessage().contains("'retries' was shut down") && e.getMessage().contains("replay"),
                    e.getMessage());
            assertThrows(RejectedExecutionException.class, () -> exec.schedule(() -> {}, 1, SECONDS));
            assertThrows(RejectedExecutionException.class, () -> exec.submit(() -> 1));
            assertThrows(RejectedExecutionException.class, () -> exec.scheduleAtFixedRate(() -> {}, 1, 1, SECONDS));
            assertEquals(0, sim.liveTasks());
        }

        @Test
        void delayedOneShotTasksStillRunButPeriodicTasksAreCancelled() throws Exception {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            List<String> log = new ArrayList<>();
            ScheduledFuture<String> oneShot = exec.schedule(() -> "ran at " + sim.clock().elapsed(), 5, SECONDS);
            ScheduledFuture<?> periodic = exec.scheduleAtFixedRate(() -> log.add("tick"), 1, 1, SECONDS);
            sim.advance(Duration.ofMillis(2500));
            exec.shutdown();
            assertTrue(periodic.isCancelled());
            assertFalse(oneShot.isDone());
            assertFalse(exec.isTerminated(), "the delayed task has not run yet");
            sim.advance(Duration.ofSeconds(10));
            assertEquals(List.of("tick", "tick"), log);
            assertEquals("ran at PT5S", oneShot.get());
            assertTrue(exec.isTerminated());
        }

        @Test
        void aPeriodicTaskThatShutsItsExecutorDownFinishesTheRunAndStops() {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            List<String> log = new ArrayList<>();
            ScheduledFuture<?> f = exec.scheduleWithFixedDelay(() -> {
                log.add("run");
                if (log.size() == 2) {
                    exec.shutdown();
                    log.add("terminated inside its own run: " + exec.isTerminated());
                }
            }, 0, 1, SECONDS);
            sim.advance(Duration.ofSeconds(5));
            assertEquals(List.of("run", "run", "terminated inside its own run: false"), log);
            assertTrue(f.isCancelled());
            assertTrue(exec.isTerminated());
        }

        @Test
        void shutdownIsIdempotentAndAnEmptyExecutorTerminatesAtOnce() {
            VirtualScheduledExecutor exec = Simulation.builder().build().scheduledExecutor();
            assertFalse(exec.isTerminated(), "not terminated before shutdown");
            exec.shutdown();
            exec.shutdown();
            assertTrue(exec.isTerminated());
        }
    }

    @Nested
    class ShutdownNow {
        @Test
        void waitingTasksAreReturnedUncancelledAndNeverRunByTheExecutor() {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            List<String> log = new ArrayList<>();
            ScheduledFuture<?> a = exec.schedule(() -> log.add("a"), 1, SECONDS);
            ScheduledFuture<?> b = exec.scheduleAtFixedRate(() -> log.add("b"), 2, 2, SECONDS);
            List<Runnable> waiting = exec.shutdownNow();
            assertEquals(List.of(a, b), waiting, "both, in submission order");
            assertFalse(a.isDone() || b.isDone(), "the JDK leaves drained tasks pending");
            assertTrue(exec.isShutdown() && exec.isTerminated());
            sim.advance(Duration.ofSeconds(10));
            assertEquals(List.of(), log);
            assertEquals(0, sim.pendingTimers());
        }

        @Test
        void runningAReturnedTaskRunsItOnceAndCompletesItsFuture() throws Exception {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            List<String> log = new ArrayList<>();
            ScheduledFuture<String> oneShot = exec.schedule(() -> "one-shot", 1, SECONDS);
            exec.scheduleAtFixedRate(() -> log.add("periodic"), 1, 1, SECONDS);
            List<Runnable> waiting = exec.shutdownNow();
            waiting.forEach(Runnable::run);
            assertEquals("one-shot", oneShot.get());
            assertEquals(List.of("periodic"), log);
            assertTrue(((Future<?>) waiting.get(1)).isCancelled(), "a drained periodic task cannot run again");
        }

        @Test
        void getOfADrainedTaskFailsClearlyInsteadOfWaitingForever() {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            ScheduledFuture<?> f = exec.schedule(() -> {}, 1, SECONDS);
            exec.shutdownNow();
            IllegalStateException e = assertThrows(IllegalStateException.class, f::get);
            assertTrue(e.getMessage().contains("shutdownNow() removed it"), e.getMessage());
        }

        @Test
        void aTaskInTheMiddleOfItsWorkFinishesAndKeepsTheExecutorFromTerminating() throws Exception {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            Future<String> busy = exec.submit(() -> {
                exec.simulateWork(Duration.ofSeconds(3));
                return "finished";
            });
            sim.advance(Duration.ofSeconds(1));
            assertEquals(List.of(), exec.shutdownNow(), "the executing task is not returned");
            assertFalse(exec.isTerminated());
            assertEquals("finished", busy.get());
            assertEquals(Duration.ofSeconds(3), sim.clock().elapsed());
            assertTrue(exec.isTerminated());
        }
    }

    @Nested
    class AwaitTermination {
        @Test
        void fromTestCodeItWaitsInVirtualTimeUntilTheLastTaskFinished() {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            exec.schedule(() -> {}, 7, SECONDS);
            exec.shutdown();
            assertTrue(exec.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES));
            assertEquals(Duration.ofSeconds(7), sim.clock().elapsed(), "returns as soon as terminated");
        }

        @Test
        void itReturnsFalseOnceTheTimeoutElapsedInVirtualTime() {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            exec.schedule(() -> {}, 1, java.util.concurrent.TimeUnit.HOURS);
            exec.shutdown();
            assertFalse(exec.awaitTermination(30, SECONDS));
            assertEquals(Duration.ofSeconds(30), sim.clock().elapsed());
        }

        @Test
        void withoutShutdownItNeverTerminates() {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            assertFalse(exec.awaitTermination(5, SECONDS));
            assertEquals(Duration.ofSeconds(5), sim.clock().elapsed());
        }

        @Test
        void insideATaskItReturnsTheCurrentStateWithoutBlocking() {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            exec.schedule(() -> {}, 7, SECONDS);
            boolean terminated = sim.blockOn(Futures.lazy(() -> {
                exec.shutdown();
                return exec.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            }));
            assertFalse(terminated);
            assertEquals(0, sim.nanos(), "no virtual time passed: the task did not wait");
        }

        @Test
        void aTaskAwaitsTerminationThroughWhenTerminated() {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor exec = sim.scheduledExecutor();
            exec.schedule(() -> {}, 7, SECONDS);
            sim.blockOn(Futures.lazy(() -> {
                exec.shutdown();
                return null;
            }).then(x -> exec.whenTerminated()));
            assertTrue(exec.isTerminated());
            assertEquals(Duration.ofSeconds(7), sim.clock().elapsed());
        }

        @Test
        void closeShutsDownAndWaitsFromTestCodeButOnlyShutsDownInsideATask() {
            Simulation sim = Simulation.builder().build();
            VirtualScheduledExecutor outside = sim.scheduledExecutor();
            outside.schedule(() -> {}, 2, SECONDS);
            outside.close();
            assertTrue(outside.isTerminated());
            assertEquals(Duration.ofSeconds(2), sim.clock().elapsed());

            VirtualScheduledExecutor inside = sim.scheduledExecutor();
            inside.schedule(() -> {}, 2, SECONDS);
            VirtualScheduledExecutor closed = sim.blockOn(Futures.lazy(() -> {
                inside.close();
                return inside;
            }));
            assertSame(inside, closed);
            assertTrue(inside.isShutdown());
            assertFalse(inside.isTerminated());
        }
    }
}
