package dev.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;
import dev.lockstep.internal.generator.GeneratorFactory;
import dev.lockstep.internal.generator.Generators;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A {@code blockOn} whose bodies run on the virtual-thread backend moves its loop to a {@link VirtualDriver}. */
class VirtualDriverTest {

    private static Simulation onThreads(Simulation.Builder b) {
        Simulation sim = b.build();
        sim.install(GeneratorFactory.class, Generators.threads());
        return sim;
    }

    /** A task that records the thread of each of its polls, and is pending twice. */
    private static Future<Integer> recordingThreads(List<Thread> seen) {
        int[] polls = {0};
        return cx -> {
            seen.add(Thread.currentThread());
            if (++polls[0] < 3) {
                cx.waker().wakeByRef();
                return Poll.pending();
            }
            return Poll.ready(polls[0]);
        };
    }

    /** A body that awaits once, then spawns {@link #recordingThreads} as a task and awaits it. */
    private static Future<Integer> awaitingATask(List<Thread> seen) {
        return Async.async(a -> {
            a.await(Futures.yieldNow());
            return a.await(a.spawn("recorder", recordingThreads(seen)));
        });
    }

    @Nested
    class WhereTheLoopRuns {

        @Test
        void afterTheFirstAwaitTheLoopRunsOnAVirtualThreadNamedAsTheCaller() {
            Simulation sim = onThreads(Simulation.builder().seed(3));
            List<Thread> seen = new ArrayList<>();
            Thread caller = Thread.currentThread();
            int out = sim.blockOn(awaitingATask(seen));
            assertEquals(3, out);
            assertFalse(seen.isEmpty());
            for (Thread t : seen) {
                assertTrue(t.isVirtual(), "polled on " + t);
                assertEquals(caller.getName(), t.getName());
            }
            assertFalse(caller.isVirtual());
        }

        @Test
        void aRunThatAwaitsNothingStaysOnTheCallersThread() {
            Simulation sim = onThreads(Simulation.builder().seed(3));
            List<Thread> seen = new ArrayList<>();
            sim.blockOn(recordingThreads(seen));
            assertEquals(3, seen.size());
            for (Thread t : seen) {
                assertSame(Thread.currentThread(), t);
            }
        }

        @Test
        void onTheContinuationBackendNothingMoves() {
            if (Generators.continuations().isEmpty()) {
                return;   // this JVM runs without the export; the other test execution covers it
            }
            Simulation sim = Simulation.builder().seed(3).build();
            sim.install(GeneratorFactory.class, Generators.continuations().get());
            List<Thread> seen = new ArrayList<>();
            sim.blockOn(awaitingATask(seen));
            for (Thread t : seen) {
                assertSame(Thread.currentThread(), t);
            }
        }
    }

    @Nested
    class TheDriverThread {

        @Test
        void endsWithTheRunAndGivesTheSimulationBackToTheCaller() {
            Simulation sim = onThreads(Simulation.builder().seed(5));
            List<Thread> seen = new ArrayList<>();
            sim.blockOn(awaitingATask(seen));
            Thread driver = seen.get(0);
            assertNotSame(Thread.currentThread(), driver);
            assertFalse(driver.isAlive(), "the driver outlived its run");
            // The caller owns the simulation again: a second blockOn on it runs (and moves again).
            List<Thread> second = new ArrayList<>();
            int again = sim.blockOn(Async.async(a -> a.await(a.spawn("recorder", recordingThreads(second)))));
            assertEquals(3, again);
            assertTrue(second.get(second.size() - 1).isVirtual());
        }

        @Test
        void manyRunsLeaveNoThreadBehind() throws InterruptedException {
            int before = Thread.activeCount();
            List<Thread> drivers = new ArrayList<>();
            for (int seed = 0; seed < 200; seed++) {
                Simulation sim = onThreads(Simulation.builder().seed(seed));
                List<Thread> seen = new ArrayList<>();
                sim.blockOn(awaitingATask(seen));
                drivers.add(seen.get(0));
            }
            for (Thread d : drivers) {
                d.join(10_000);
                assertFalse(d.isAlive());
            }
            assertTrue(Thread.activeCount() <= before + 2, "platform threads grew: " + before + " -> "
                    + Thread.activeCount());
        }
    }

    @Nested
    class Failures {

        @Test
        void whatATaskThrowsAfterTheMoveReachesTheCallerUnchanged() {
            Simulation sim = onThreads(Simulation.builder().seed(1));
            IllegalArgumentException planted = new IllegalArgumentException("planted");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sim.blockOn(
                    Async.async(a -> {
                        a.await(Futures.yieldNow());
                        a.await(Futures.yieldNow());
                        throw planted;
                    })));
            assertSame(planted, e);
        }

        @Test
        void aDeadlockAfterTheMoveFailsTheRunAndUnwindsTheBody() {
            Simulation sim = onThreads(Simulation.builder().seed(1));
            assertThrows(DeadlockException.class, () -> sim.blockOn(Async.async(a -> {
                a.await(Futures.yieldNow());
                return a.await(Futures.pending());
            })));
        }

        @Test
        void theWatchdogFollowsTheLoopToTheDriver() {
            Simulation sim = onThreads(Simulation.builder().seed(1).pollTimeout(Duration.ofMillis(200)));
            CountDownLatch never = new CountDownLatch(1);
            Future<Integer> blocks = cx -> {
                try {
                    never.await();   // blocks the driver's poll: the watchdog must interrupt the driver
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                return Poll.ready(1);
            };
            StepLimitException e = assertThrows(StepLimitException.class, () -> sim.blockOn(Async.async(a -> {
                a.await(Futures.yieldNow());
                a.await(Futures.yieldNow());
                return 0;
            }).then(x -> blocks)));
            assertTrue(e.getMessage().contains("has been inside one poll"), e.getMessage());
            assertFalse(Thread.currentThread().isInterrupted(), "the interrupt does not leak into the caller");
        }
    }
}
