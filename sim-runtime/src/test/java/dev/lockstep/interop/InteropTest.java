package dev.lockstep.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.SettableFuture;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;
import dev.lockstep.runtime.NondeterminismException;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.testkit.MockTask;
import dev.lockstep.time.Sleep;
import dev.lockstep.trace.TraceEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InteropTest {

    /**
     * Runs {@code adapter} as the main task and, once it has registered its callback, runs
     * {@code complete} on a real thread named {@code thread} and waits for that thread to end, so
     * the completion deterministically arrives while the simulation runs.
     */
    static <T> void completeOnRealThread(Simulation sim, Future<T> adapter, String thread, Runnable complete) {
        sim.blockOn(Futures.join(adapter, Futures.lazy(() -> {
            Thread t = new Thread(complete, thread);
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return null;
        })));
    }

    @Nested
    class FromCompletionStage {
        @Test
        void aStageCompletedByAnotherTaskResumesTheAwaiterThroughTheRunQueue() {
            Simulation sim = Simulation.builder().build();
            CompletableFuture<String> cf = new CompletableFuture<>();
            sim.spawn("completer", Sleep.of(Duration.ofSeconds(2)).map(x -> cf.complete("hello")));
            assertEquals("hello", sim.blockOn(Interop.fromCompletionStage(cf)));
            assertEquals(Duration.ofSeconds(2), sim.clock().elapsed());
            boolean wokenByCompleter = sim.trace().events().stream().anyMatch(e -> e instanceof TraceEvent.Woken w
                    && w.name().equals("main") && w.byTask() == 0 && w.scheduled());
            assertTrue(wokenByCompleter, "the completion must wake 'main' as a wake by task 'completer'#0:\n"
                    + dev.lockstep.trace.Trace.format(sim.trace().events()));
        }

        @Test
        void anAlreadyCompletedStageIsReadyOnTheFirstPoll() {
            MockTask<Integer> task = MockTask.of(Interop.fromCompletionStage(CompletableFuture.completedFuture(7)));
            assertEquals(Poll.ready(7), task.poll());
            assertFalse(task.isWoken(), "no wake is needed when the poll itself sees the value");
        }

        @Test
        void aPendingStageWakesOnlyTheLatestPollsWaker() {
            CompletableFuture<Integer> cf = new CompletableFuture<>();
            Future<Integer> f = Interop.fromCompletionStage(cf);
            Simulation sim = Simulation.builder().build();
            MockTask<Void> first = MockTask.of(Futures.pending(), sim);
            MockTask<Void> second = MockTask.of(Futures.pending(), sim);
            assertTrue(first.enter(f::poll).isPending());
            assertTrue(second.enter(f::poll).isPending(), "a repeated poll (spurious, or a new waker) is harmless");
            cf.complete(3);
            assertEquals(0, first.wakeCount(), "a stale waker is not woken");
            assertEquals(1, second.wakeCount());
            assertEquals(Poll.ready(3), second.enter(f::poll));
        }

        @Test
        void anExceptionallyCompletedStageThrowsItsCauseFromPoll() {
            Simulation sim = Simulation.builder().build();
            CompletableFuture<String> failed = CompletableFuture.failedFuture(new IllegalStateException("boom"));
            CompletableFuture<String> dependent = failed.thenApply(s -> s + "!");
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> sim.blockOn(Interop.fromCompletionStage(dependent)));
            assertEquals("boom", e.getMessage(), "the CompletionException of the dependent stage is unwrapped");
        }

        @Test
        void aCheckedCauseArrivesWrappedInACompletionException() {
            Simulation sim = Simulation.builder().build();
            CompletableFuture<String> failed = CompletableFuture.failedFuture(new IOException("disk"));
            CompletionException e = assertThrows(CompletionException.class,
                    () -> sim.blockOn(Interop.fromCompletionStage(failed)));
            assertInstanceOf(IOException.class, e.getCause());
        }

        @Test
        void cancellingTheAdapterCancelsTheStage() {
            Simulation sim = Simulation.builder().build();
            CompletableFuture<String> slow = new CompletableFuture<>();
            String winner = sim.blockOn(Futures.select(Interop.fromCompletionStage(slow), Sleep.of(Duration.ofSeconds(1)))
                    .map(either -> either.isLeft() ? "stage" : "timer"));
            assertEquals("timer", winner);
            assertTrue(slow.isCancelled(), "the select loser's stage is cancelled");
        }

        @Test
        void awaitersOfStagesCompletedInOneStepResumeInAnOrderTheSchedulerChooses() {
            Set<List<String>> orders = new HashSet<>();
            for (long seed = 0; seed < 40; seed++) {
                List<String> order = resumeOrder(seed);
                assertEquals(order, resumeOrder(seed), "seed " + seed);
                orders.add(order);
            }
            assertTrue(orders.size() > 1, "callbacks resumed their awaiters in one fixed order: " + orders);
        }

        private List<String> resumeOrder(long seed) {
            Simulation sim = Simulation.builder().seed(seed).build();
            CompletableFuture<Void> go = new CompletableFuture<>();
            List<String> order = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                sim.spawn(name, Interop.fromCompletionStage(go).map(v -> order.add(name)));
            }
            sim.blockOn(Futures.yieldNow().map(v -> go.complete(null)).then(v -> Sleep.of(Duration.ofSeconds(1))));
            return order;
        }

        @Test
        void aCompletionOnARealThreadIsReportedNamingTheThreadAndItsStack() {
            Simulation sim = Simulation.builder().build();
            CompletableFuture<String> cf = new CompletableFuture<>();
            NondeterminismException e = assertThrows(NondeterminismException.class, () -> completeOnRealThread(sim,
                    Interop.fromCompletionStage(cf), "pool-1-thread-1", () -> cf.complete("from a real pool")));
            assertTrue(e.getMessage().contains("CompletionStage completed on thread 'pool-1-thread-1'")
                    && e.getMessage().contains("awaited by task 'main'#0") && e.getMessage().contains("replay"),
                    e.getMessage());
            assertTrue(e.getCause().getMessage().contains("pool-1-thread-1"));
            boolean fromCompletingThread = List.of(e.getCause().getStackTrace()).stream()
                    .anyMatch(f -> f.getMethodName().equals("complete") && f.getClassName().contains("CompletableFuture"));
            assertTrue(fromCompletingThread, "the cause carries the completing thread's stack");
        }
    }

    @Nested
    class RealThreads {
        @Test
        void aCompletionOnARealThreadBeforeTheFirstPollIsReportedAtThatPoll() throws Exception {
            Simulation sim = Simulation.builder().build();
            CompletableFuture<String> cf = new CompletableFuture<>();
            Future<String> adapter = Interop.fromCompletionStage(cf);
            Thread t = new Thread(() -> cf.complete("early"), "eager-pool-2");
            t.start();
            t.join();
            NondeterminismException e = assertThrows(NondeterminismException.class, () -> sim.blockOn(adapter));
            assertTrue(e.getMessage().contains("CompletionStage completed on thread 'eager-pool-2' before it was first"
                    + " polled (awaited by task 'main'#0)"), e.getMessage());
            assertTrue(e.getCause().getMessage().contains("eager-pool-2"));
        }

        @Test
        void aCompletionOnTheSimulationsThreadBeforeTheFirstPollIsAValue() {
            Simulation sim = Simulation.builder().build();
            CompletableFuture<String> cf = new CompletableFuture<>();
            Future<String> adapter = Interop.fromCompletionStage(cf);
            cf.complete("set by test code");
            assertEquals("set by test code", sim.blockOn(adapter));
        }

        @Test
        void aStageAlreadyCompleteWhenAdaptedIsAValueWhateverThreadCompletedIt() throws Exception {
            Simulation sim = Simulation.builder().build();
            CompletableFuture<String> cf = new CompletableFuture<>();
            Thread t = new Thread(() -> cf.complete("before"), "done-before");
            t.start();
            t.join();
            assertEquals("before", sim.blockOn(Interop.fromCompletionStage(cf)), "indistinguishable from a value");
        }
    }

    @Nested
    class FromListenableFuture {
        @Test
        void itCompletesWithTheValueSetByATask() {
            Simulation sim = Simulation.builder().build();
            SettableFuture<Integer> settable = SettableFuture.create();
            sim.spawn("setter", Sleep.of(Duration.ofMillis(5)).map(x -> settable.set(42)));
            assertEquals(42, sim.blockOn(Interop.fromListenableFuture(settable)));
        }

        @Test
        void aFailedFutureThrowsItsCause() {
            Simulation sim = Simulation.builder().build();
            ListenableFuture<Integer> failed = com.google.common.util.concurrent.Futures.immediateFailedFuture(
                    new IllegalArgumentException("bad"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> sim.blockOn(Interop.fromListenableFuture(failed)));
            assertEquals("bad", e.getMessage());
        }

        @Test
        void aCancelledFutureThrowsCancellationException() {
            Simulation sim = Simulation.builder().build();
            SettableFuture<Integer> settable = SettableFuture.create();
            settable.cancel(false);
            assertThrows(CancellationException.class, () -> sim.blockOn(Interop.fromListenableFuture(settable)));
        }

        @Test
        void cancellingTheAdapterCancelsTheFuture() {
            SettableFuture<Integer> settable = SettableFuture.create();
            Future<Integer> adapter = Interop.fromListenableFuture(settable);
            MockTask<Integer> task = MockTask.of(adapter);
            assertTrue(task.poll().isPending());
            Futures.cancel(adapter);
            assertTrue(settable.isCancelled());
            assertFalse(task.isWoken(), "the cancelled adapter's waker is not woken");
        }

        @Test
        void aCompletionOnARealThreadIsReportedNamingTheThread() {
            Simulation sim = Simulation.builder().build();
            SettableFuture<Integer> settable = SettableFuture.create();
            NondeterminismException e = assertThrows(NondeterminismException.class, () -> completeOnRealThread(sim,
                    Interop.fromListenableFuture(settable), "guava-callback-3", () -> settable.set(1)));
            assertTrue(e.getMessage().contains("ListenableFuture completed on thread 'guava-callback-3'"),
                    e.getMessage());
        }
    }

    @Nested
    class ToCompletableFuture {
        @Test
        void aTaskCompletesItWithTheFuturesValue() throws Exception {
            Simulation sim = Simulation.builder().build();
            CompletableFuture<String> cf = Interop.toCompletableFuture(
                    Sleep.of(Duration.ofSeconds(3)).map(x -> "slept"), sim);
            assertFalse(cf.isDone(), "nothing runs before the simulation does");
            assertEquals("slept", cf.get(), "get() from test code runs the simulation");
            assertEquals(Duration.ofSeconds(3), sim.clock().elapsed());
        }

        @Test
        void whatThePollThrowsCompletesItExceptionally() {
            Simulation sim = Simulation.builder().build();
            CompletableFuture<String> cf = Interop.toCompletableFuture(Futures.lazy(() -> {
                throw new IllegalStateException("poll threw");
            }), sim);
            ExecutionException e = assertThrows(ExecutionException.class, cf::get);
            assertEquals("poll threw", e.getCause().getMessage());
            assertEquals(1, sim.blockOn(Futures.ready(1)), "the failure went to the CompletableFuture, not the run");
        }

        @Test
        void cancellingItAbortsTheTaskAndReleasesTheFuturesTimer() {
            Simulation sim = Simulation.builder().build();
            CompletableFuture<Void> cf = Interop.toCompletableFuture(Sleep.of(Duration.ofHours(1)), sim);
            sim.advance(Duration.ofSeconds(1));
            assertEquals(1, sim.pendingTimers());
            assertTrue(cf.cancel(false));
            assertEquals(0, sim.pendingTimers());
            assertEquals(0, sim.liveTasks());
            String task = "ToCompletableFuture.cancellingItAbortsTheTaskAndReleasesTheFuturesTimer/to-completable-future";
            assertTrue(sim.trace().events().stream().anyMatch(e -> e instanceof TraceEvent.Completed c
                    && c.name().equals(task) && c.outcome() == TraceEvent.Outcome.ABORTED));
        }

        @Test
        void getInsideATaskFailsClearlyInsteadOfBlocking() {
            Simulation sim = Simulation.builder().build();
            CompletableFuture<Void> cf = Interop.toCompletableFuture(Sleep.of(Duration.ofSeconds(1)), sim);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> sim.blockOn(Futures.lazy(cf::join)));
            assertTrue(e.getMessage().contains("await Interop.fromCompletionStage"), e.getMessage());
        }

        @Test
        void asyncStagesWithoutAnExecutorRunAsSimulationTasks() {
            Simulation sim = Simulation.builder().build();
            Thread simThread = Thread.currentThread();
            CompletableFuture<Boolean> onSimThread = Interop.toCompletableFuture(Futures.ready(1), sim)
                    .thenApplyAsync(x -> Thread.currentThread() == simThread);
            assertTrue(sim.blockOn(Interop.fromCompletionStage(onSimThread)));
            assertTrue(sim.trace().events().stream().anyMatch(e -> e instanceof TraceEvent.Spawned s
                    && s.name().endsWith("/async-1")), "the async stage ran as task '...async-1'");
        }

        @Test
        void orTimeoutOnItCountsVirtualTime() {
            Simulation sim = Simulation.builder().build();
            CompletableFuture<Void> cf = Interop.toCompletableFuture(Sleep.of(Duration.ofHours(1)), sim)
                    .orTimeout(10, TimeUnit.SECONDS);
            ExecutionException e = assertThrows(ExecutionException.class, cf::get);
            assertInstanceOf(TimeoutException.class, e.getCause());
            assertEquals(Duration.ofSeconds(10), sim.clock().elapsed());
        }

        @Test
        void insideATaskItIsMadeFromTheTasksRuntime() {
            Simulation sim = Simulation.builder().build();
            int out = sim.blockOn(new Future<Integer>() {
                Future<Integer> awaiting;

                @Override
                public Poll<Integer> poll(dev.lockstep.future.Context cx) {
                    if (awaiting == null) {
                        awaiting = Interop.fromCompletionStage(
                                Interop.toCompletableFuture(Futures.ready(5), cx.runtime()));
                    }
                    return awaiting.poll(cx);
                }
            });
            assertEquals(5, out);
        }
    }
}
