package dev.lockstep.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Either;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.future.TimeoutExpiredException;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.runtime.TaskAbortedException;
import dev.lockstep.runtime.TaskFailedException;
import dev.lockstep.testkit.MockTask;
import dev.lockstep.testkit.TestFutures;
import dev.lockstep.time.Sleep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Cancelling async bodies: who cancels, what unwinds, what is released. */
class AsyncCancellationTest {

    /** A body that logs, sleeps an hour in a try/finally, and logs again. */
    static Future<Void> sleeper(String name, List<String> log) {
        return Async.async(a -> {
            try {
                log.add(name + " sleeping");
                a.sleep(Duration.ofHours(1));
                log.add(name + " woke");
            } finally {
                log.add(name + " finally");
            }
            return null;
        });
    }

    /** Runs the simulation for one second of virtual time, calling {@code action} at that point. */
    static void atOneSecond(Simulation sim, Runnable action) {
        sim.blockOn(Async.async(a -> {
            a.sleep(Duration.ofSeconds(1));
            action.run();
            return null;
        }));
    }

    @Nested
    class WhoCancels {
        @Test
        void abortingATaskUnwindsItsBodyRunsFinallyAndReleasesItsTimer() {
            Simulation sim = Simulation.builder().build();
            List<String> log = new ArrayList<>();
            JoinHandle<Void> h = sim.spawn("sleeper", sleeper("s", log));
            atOneSecond(sim, h::abort);
            assertEquals(List.of("s sleeping", "s finally"), log);
            assertEquals(0, sim.pendingTimers());
            assertThrows(TaskAbortedException.class, () -> sim.blockOn(h));
        }

        @Test
        void aSelectLoserIsUnwound() {
            Simulation sim = Simulation.builder().build();
            List<String> log = new ArrayList<>();
            Either<Void, Void> out = sim.blockOn(Futures.select(sleeper("loser", log), Sleep.of(Duration.ofSeconds(1))));
            assertInstanceOf(Either.Right.class, out);
            assertEquals(List.of("loser sleeping", "loser finally"), log);
            assertEquals(0, sim.pendingTimers());
        }

        @Test
        void anExpiredTimeoutAroundABodyUnwindsIt() {
            Simulation sim = Simulation.builder().build();
            List<String> log = new ArrayList<>();
            assertThrows(TimeoutExpiredException.class,
                    () -> sim.blockOn(Futures.timeout(sleeper("slow", log), Duration.ofSeconds(1))));
            assertEquals(List.of("slow sleeping", "slow finally"), log);
            assertEquals(0, sim.pendingTimers());
        }

        @Test
        void aHostCrashUnwindsTheBodiesOfAllItsTasks() {
            Simulation sim = Simulation.builder().build();
            List<String> log = new ArrayList<>();
            sim.spawnOnHost("db-1", "primary", sleeper("primary", log));
            sim.spawnOnHost("db-1", "replica", sleeper("replica", log));
            sim.spawnOnHost("web", "frontend", sleeper("frontend", log));
            AtomicInteger aborted = new AtomicInteger();
            atOneSecond(sim, () -> aborted.set(sim.abortHost("db-1")));
            assertEquals(2, aborted.get());
            assertTrue(log.containsAll(List.of("primary finally", "replica finally")), log.toString());
            assertFalse(log.contains("frontend finally"), log.toString());
            assertEquals(1, sim.pendingTimers(), "only the frontend's sleep remains");
            sim.shutdown();
            assertTrue(log.contains("frontend finally"), log.toString());
            assertEquals(0, sim.pendingTimers());
        }
    }

    @Nested
    class Unwinding {
        @Test
        void theAwaitedFutureIsCancelledBeforeFinallyBlocksRun() {
            Simulation sim = Simulation.builder().build();
            List<String> log = new ArrayList<>();
            JoinHandle<Void> h = sim.spawn("waiter", Async.async(a -> {
                try {
                    return a.await(new ProbeLeaf(log));
                } finally {
                    log.add("finally");
                }
            }));
            atOneSecond(sim, h::abort);
            assertEquals(List.of("leaf cancelled", "finally"), log);
        }

        @Test
        void theBodySeesAnAsyncCancelledErrorNamingWhatItAwaitedAndWhere() {
            Simulation sim = Simulation.builder().build();
            AtomicReference<Throwable> seen = new AtomicReference<>();
            JoinHandle<Void> h = sim.spawn("waiter", Async.async(a -> {
                try {
                    a.sleep(Duration.ofHours(1));
                } catch (Throwable t) {
                    seen.set(t);
                    throw t;
                }
                return null;
            }));
            atOneSecond(sim, h::abort);
            AsyncCancelledError e = assertInstanceOf(AsyncCancelledError.class, seen.get());
            assertTrue(e.getMessage().contains("awaiting dev.lockstep.time.Sleep")
                    && e.getMessage().contains("t=1.000s"), e.getMessage());
        }

        @Test
        void catchExceptionDoesNotSwallowTheCancellation() {
            Simulation sim = Simulation.builder().build();
            List<String> log = new ArrayList<>();
            JoinHandle<Void> h = sim.spawn("careless", Async.async(a -> {
                try {
                    a.sleep(Duration.ofHours(1));
                } catch (Exception e) {
                    log.add("caught " + e);
                } finally {
                    log.add("finally");
                }
                log.add("after");
                return null;
            }));
            atOneSecond(sim, h::abort);
            assertEquals(List.of("finally"), log);
        }

        @Test
        void anOuterBodyAndTheInlineBodyItAwaitsUnwindInnermostFirst() {
            Simulation sim = Simulation.builder().build();
            List<String> log = new ArrayList<>();
            JoinHandle<Void> h = sim.spawn("outer", Async.async(a -> {
                try {
                    return a.await(sleeper("inner", log));
                } finally {
                    log.add("outer finally");
                }
            }));
            atOneSecond(sim, h::abort);
            assertEquals(List.of("inner sleeping", "inner finally", "outer finally"), log);
            assertEquals(0, sim.pendingTimers());
        }

        @Test
        void anOuterBodyAndAPolledInnerBodyUnwindInnermostFirst() {
            Simulation sim = Simulation.builder().build();
            List<String> log = new ArrayList<>();
            JoinHandle<Void> h = sim.spawn("outer", Async.async(a -> {
                try {
                    // Wrapped, the inner body is polled (with a generator of its own), not run inline.
                    return a.await(TestFutures.pendingOnce(sleeper("inner", log)));
                } finally {
                    log.add("outer finally");
                }
            }));
            atOneSecond(sim, h::abort);
            assertEquals(List.of("inner sleeping", "inner finally", "outer finally"), log);
            assertEquals(0, sim.pendingTimers());
        }

        @Test
        void cleanupInFinallyMaySpawnATaskThatRunsAfterTheAbort() {
            Simulation sim = Simulation.builder().build();
            List<String> log = new ArrayList<>();
            JoinHandle<Void> h = sim.spawn("server", Async.async(a -> {
                try {
                    a.sleep(Duration.ofHours(1));
                } finally {
                    a.spawn("cleanup", Async.async(c -> {
                        c.sleep(Duration.ofMillis(5));
                        log.add("cleaned up at " + c.now().toEpochMilli() + "ms");
                        return null;
                    }));
                }
                return null;
            }));
            atOneSecond(sim, h::abort);
            sim.blockOn(Sleep.of(Duration.ofSeconds(1)));
            assertEquals(List.of("cleaned up at 1005ms"), log);
        }

        @Test
        void cancellingBeforeTheFirstPollMeansTheBodyNeverRuns() {
            AtomicInteger runs = new AtomicInteger();
            Future<Integer> f = Async.async(a -> runs.incrementAndGet());
            Futures.cancel(f);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> MockTask.of(f).poll());
            assertTrue(e.getMessage().contains("polled after cancel"), e.getMessage());
            assertEquals(0, runs.get());
        }

        @Test
        void cancelIsIdempotentAndDoesNothingAfterCompletion() {
            List<String> log = new ArrayList<>();
            Future<Void> sleeping = sleeper("s", log);
            assertTrue(MockTask.of(sleeping).poll().isPending());
            Futures.cancel(sleeping);
            Futures.cancel(sleeping);
            assertEquals(List.of("s sleeping", "s finally"), log);
            Future<String> done = Async.async(a -> "done");
            assertEquals(Poll.ready("done"), MockTask.of(done).poll());
            Futures.cancel(done);
        }

        @Test
        void theVirtualThreadOfACancelledBodyEnds() throws InterruptedException {
            Simulation sim = Simulation.builder().build();
            AtomicReference<Thread> body = new AtomicReference<>();
            JoinHandle<Void> h = sim.spawn("sleeper", Async.async(a -> {
                body.set(Thread.currentThread());
                a.sleep(Duration.ofHours(1));
                return null;
            }));
            atOneSecond(sim, h::abort);
            assumeTrue(body.get().isVirtual(), "only the thread backend runs bodies on threads of their own");
            body.get().join(Duration.ofSeconds(30));
            assertFalse(body.get().isAlive(), "the body's virtual thread is still alive after the abort");
        }
    }

    @Nested
    class Failures {
        @Test
        void aBodyThatSwallowsTheCancellationAndAwaitsAgainGetsAClearError() {
            Simulation sim = Simulation.builder().build();
            List<String> log = new ArrayList<>();
            JoinHandle<Void> h = sim.spawn("stubborn", Async.async(a -> {
                try {
                    a.sleep(Duration.ofHours(1));
                } catch (AsyncCancelledError swallowed) {
                    log.add("swallowed");
                }
                try {
                    a.sleep(Duration.ofHours(1));
                } finally {
                    log.add("finally");
                }
                return null;
            }));
            // The abort fails the task; nobody awaits it, so the run's blockOn reports it.
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> atOneSecond(sim, h::abort));
            assertEquals("stubborn", e.taskName());
            IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause());
            assertTrue(cause.getMessage().contains("await after the async future was cancelled")
                    && cause.getMessage().contains("let AsyncCancelledError propagate"), cause.getMessage());
            assertEquals(List.of("swallowed", "finally"), log);
            assertEquals(0, sim.pendingTimers());
        }

        @Test
        void aFailureToCancelTheAwaitedFutureIsThrownByCancelAfterTheBodyUnwound() {
            List<String> log = new ArrayList<>();
            IllegalStateException leafFailure = new IllegalStateException("leaf refuses to cancel");
            Future<Object> f = Async.async(a -> {
                try {
                    return a.await(new RefusingLeaf(leafFailure));
                } finally {
                    log.add("finally");
                }
            });
            assertTrue(MockTask.of(f).poll().isPending());
            assertSame(leafFailure, assertThrows(IllegalStateException.class, () -> Futures.cancel(f)));
            assertEquals(List.of("finally"), log);
        }
    }

    /** A leaf that never completes and logs its cancellation. */
    private record ProbeLeaf(List<String> log) implements Future<Void>, Cancellable {
        @Override
        public Poll<Void> poll(Context cx) {
            return Poll.pending();
        }

        @Override
        public void cancel() {
            log.add("leaf cancelled");
        }
    }

    /** A leaf that never completes and throws when cancelled. */
    private record RefusingLeaf(RuntimeException failure) implements Future<Object>, Cancellable {
        @Override
        public Poll<Object> poll(Context cx) {
            return Poll.pending();
        }

        @Override
        public void cancel() {
            throw failure;
        }
    }
}
