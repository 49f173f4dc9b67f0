package dev.lockstep.future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.pin.Pin;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.testkit.MockTask;
import dev.lockstep.testkit.TestFutures;
import dev.lockstep.testkit.Wakers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class FuturesTest {

    @Nested
    class Ready {
        @Test
        void completesWithItsValueOnTheFirstPoll() {
            MockTask<String> task = MockTask.of(Futures.ready("a"));
            assertEquals(Poll.ready("a"), task.poll());
            assertFalse(task.isWoken());
        }

        @Test
        void mayCompleteWithNull() {
            assertEquals(Poll.ready(null), MockTask.of(Futures.ready(null)).poll());
        }

        @Test
        void throwsWhenPolledAfterCompletion() {
            MockTask<String> task = MockTask.of(Futures.ready("a"));
            task.poll();
            IllegalStateException e = assertThrows(IllegalStateException.class, task::poll);
            assertTrue(e.getMessage().contains("ready polled after completion"), e.getMessage());
            assertTrue(e.getMessage().contains("fuse()"), e.getMessage());
        }

        @Test
        void isUnpinSoItCanBeMovedAfterPolling() {
            Pin<String> pin = Pin.of(Futures.ready("a"));
            pin.poll(new Context(Wakers.noop(), Simulation.builder().build().handle()));
            assertTrue(pin.unpin() instanceof Unpin);
        }
    }

    @Nested
    class Pending {
        @Test
        void staysPendingAndNeverWakesHoweverOftenPolled() {
            MockTask<String> task = MockTask.of(Futures.pending());
            for (int i = 0; i < 5; i++) {
                assertTrue(task.poll().isPending());
            }
            assertEquals(0, task.wakeCount());
            assertEquals(0, task.waker().cloneCount());
        }
    }

    @Nested
    class Lazy {
        @Test
        void runsTheSupplierAtTheFirstPollNotBefore() {
            AtomicInteger calls = new AtomicInteger();
            Future<Integer> f = Futures.lazy(calls::incrementAndGet);
            assertEquals(0, calls.get());
            assertEquals(Poll.ready(1), MockTask.of(f).poll());
            assertEquals(1, calls.get());
        }

        @Test
        void propagatesTheSupplierExceptionAndDoesNotRunItAgain() {
            AtomicInteger calls = new AtomicInteger();
            MockTask<Integer> task = MockTask.of(Futures.lazy(() -> {
                calls.incrementAndGet();
                throw new IllegalArgumentException("boom");
            }));
            assertEquals("boom", assertThrows(IllegalArgumentException.class, task::poll).getMessage());
            assertThrows(IllegalStateException.class, task::poll);
            assertEquals(1, calls.get());
        }
    }

    @Nested
    class PollFn {
        @Test
        void callsTheFunctionOnEveryPollUntilReady() {
            AtomicInteger calls = new AtomicInteger();
            MockTask<Integer> task = MockTask.of(Futures.pollFn(cx -> {
                int n = calls.incrementAndGet();
                if (n < 3) {
                    cx.waker().wakeByRef();
                    return Poll.pending();
                }
                return Poll.ready(n);
            }));
            assertTrue(task.poll().isPending());
            assertTrue(task.isWoken());
            assertTrue(task.poll().isPending());
            assertEquals(Poll.ready(3), task.poll());
            assertThrows(IllegalStateException.class, task::poll);
            assertEquals(3, calls.get());
        }

        @Test
        void passesThePollsContext() {
            MockTask<Context> task = MockTask.of(Futures.pollFn(Poll::ready));
            Context seen = task.poll().value();
            assertSame(task.waker().waker(), seen.waker());
            assertSame(task.runtime(), seen.runtime());
        }

        @Test
        void rejectsANullPollFromTheFunction() {
            MockTask<Integer> task = MockTask.of(Futures.pollFn(cx -> null));
            NullPointerException e = assertThrows(NullPointerException.class, task::poll);
            assertTrue(e.getMessage().contains("pollFn"), e.getMessage());
        }
    }

    @Nested
    class YieldNow {
        @Test
        void wakesItselfAndIsPendingOnTheFirstPollThenReady() {
            MockTask<Void> task = MockTask.of(Futures.yieldNow());
            assertTrue(task.poll().isPending());
            assertTrue(task.isWoken());
            assertEquals(1, task.wakeCount());
            assertEquals(Poll.ready(null), task.poll());
            assertEquals(1, task.wakeCount());
            assertThrows(IllegalStateException.class, task::poll);
        }

        @Test
        void letsAnotherTaskRunBeforeItCompletes() {
            // Replayed zeros: FIFO scheduling, so the order shows the yield and nothing else.
            Simulation sim = Simulation.builder().choices(ChoiceSource.replay(new int[0])).build();
            List<String> order = new ArrayList<>();
            String out = sim.blockOn(Futures.pollFn(new java.util.function.Function<Context, Poll<String>>() {
                private Future<Void> yield;

                @Override
                public Poll<String> apply(Context cx) {
                    if (yield == null) {
                        cx.runtime().spawn("other", Futures.lazy(() -> order.add("other")));
                        yield = Futures.yieldNow();
                    }
                    if (yield.poll(cx).isPending()) {
                        return Poll.pending();
                    }
                    order.add("main");
                    return Poll.ready("done");
                }
            }));
            assertEquals("done", out);
            assertEquals(List.of("other", "main"), order);
        }
    }

    @Nested
    class WithTimeout {
        private final Duration limit = Duration.ofMillis(10);

        /** Polls until the result is Ready or the task is left Pending without a wake. */
        private <T> Poll<T> drive(MockTask<T> task) {
            Poll<T> p;
            do {
                p = task.poll();
            } while (p.isPending() && task.isWoken());
            return p;
        }

        @Test
        void completesWithTheValueWhenTheFutureWinsAndCancelsTheTimer() {
            ProbeFuture<String> inner = new ProbeFuture<>("inner");
            MockTask<String> task = MockTask.of(inner.timeout(limit));
            assertTrue(task.poll().isPending());
            task.advance(Duration.ofMillis(9));
            inner.complete("x");
            assertTrue(task.isWoken());
            assertEquals(Poll.ready("x"), task.poll());
            assertFalse(inner.isCancelled());
            assertEquals(0, task.simulation().pendingTimers(), "no timer is left behind");
        }

        @Test
        void failsAfterTheLimitFromTheFirstPollAndCancelsTheFuture() {
            ProbeFuture<String> inner = new ProbeFuture<>("inner");
            MockTask<String> task = MockTask.of(Futures.timeout(inner, limit));
            task.advance(Duration.ofMillis(100));
            assertTrue(task.poll().isPending(), "the limit runs from the first poll, not from creation");
            task.advance(limit);
            assertTrue(task.isWoken(), "the timer woke the task");
            TimeoutExpiredException e = assertThrows(TimeoutExpiredException.class, task::poll);
            assertEquals(limit, e.limit());
            assertTrue(inner.isCancelled());
        }

        @Test
        void cancellingItCancelsTheFutureAndRemovesTheTimer() {
            ProbeFuture<String> inner = new ProbeFuture<>("inner");
            Future<String> timeout = inner.timeout(limit);
            MockTask<String> task = MockTask.of(timeout);
            task.poll();
            Futures.cancel(timeout);
            assertTrue(inner.isCancelled());
            assertEquals(0, task.simulation().pendingTimers());
        }

        @Test
        void givesTheSameOutcomeUnderPendingOnceAndInterleavePending() {
            int[] outcomes = new int[2];
            for (long seed = 0; seed < 200; seed++) {
                Simulation sim = Simulation.builder().seed(seed).build();
                ChoiceSource c = sim.choices();
                ProbeFuture<String> inner = new ProbeFuture<>("inner");
                Future<String> f = switch (c.choose(3)) {
                    case 0 -> inner;
                    case 1 -> TestFutures.pendingOnce(inner);
                    default -> TestFutures.interleavePending(inner);
                };
                Future<String> timed = f.timeout(limit);
                MockTask<String> task = MockTask.of(c.chance(0.5) ? TestFutures.pendingOnce(timed)
                        : TestFutures.interleavePending(timed), sim);
                long completeAt = c.between(0, 2 * limit.toNanos());
                String where = "seed " + seed + ", completion at " + completeAt + "ns";

                try {
                    assertTrue(drive(task).isPending(), where);
                    task.advance(Duration.ofNanos(completeAt));
                    assertTrue(drive(task).isPending(), where);
                    inner.complete("x");
                    assertTrue(task.isWoken(), "completing the inner future woke the task: " + where);
                    Poll<String> p = drive(task);
                    assertTrue(completeAt < limit.toNanos(), "completed although the limit had passed: " + where);
                    assertEquals(Poll.ready("x"), p, where);
                    assertFalse(inner.isCancelled(), where);
                    outcomes[0]++;
                } catch (TimeoutExpiredException e) {
                    assertTrue(completeAt >= limit.toNanos(), "timed out before the limit: " + where);
                    assertTrue(inner.isCancelled(), where);
                    outcomes[1]++;
                }
            }
            assertTrue(outcomes[0] > 0 && outcomes[1] > 0, "both outcomes were exercised");
        }
    }

    @Nested
    class Cancel {
        @Test
        void cancelsACancellableFuture() {
            ProbeFuture<String> probe = new ProbeFuture<>("p");
            Futures.cancel(probe);
            assertEquals(1, probe.cancels());
        }

        @Test
        void ignoresAFutureThatIsNotCancellableAndNull() {
            Futures.cancel(Futures.pending());
            Futures.cancel(null);
        }
    }

    @Nested
    class NullArguments {
        @Test
        void areRejectedWithTheArgumentsName() {
            Future<String> f = Futures.ready("x");
            assertNpeNaming("supplier", () -> Futures.lazy(null));
            assertNpeNaming("fn", () -> Futures.pollFn(null));
            assertNpeNaming("future", () -> Futures.map(null, x -> x));
            assertNpeNaming("fn", () -> Futures.map(f, null));
            assertNpeNaming("future", () -> Futures.then(null, Futures::ready));
            assertNpeNaming("fn", () -> Futures.then(f, null));
            assertNpeNaming("future", () -> Futures.fuse(null));
            assertNpeNaming("first", () -> Futures.join(null, f));
            assertNpeNaming("second", () -> Futures.join(f, null));
            assertNpeNaming("futures", () -> Futures.joinAll(null));
            assertNpeNaming("futures[1]", () -> Futures.joinAll(Arrays.asList(f, null)));
            assertNpeNaming("first", () -> Futures.select(null, f));
            assertNpeNaming("second", () -> Futures.select(f, null));
            assertNpeNaming("futures", () -> Futures.race(null));
            assertNpeNaming("futures[0]", () -> Futures.race(Arrays.asList((Future<String>) null)));
            assertNpeNaming("future", () -> Futures.timeout(null, Duration.ofSeconds(1)));
            assertNpeNaming("limit", () -> Futures.timeout(f, null));
        }

        private void assertNpeNaming(String name, Executable call) {
            assertEquals(name, assertThrows(NullPointerException.class, call).getMessage());
        }
    }

    @Test
    void raceOfAnEmptyListIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Futures.race(List.of()));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void joinAllCopiesItsListSoLaterChangesDoNotMatter() {
        List<Future<String>> list = new ArrayList<>(List.of(Futures.ready("a")));
        Future<List<String>> all = Futures.joinAll(list);
        list.add(Futures.pending());
        assertEquals(Poll.ready(List.of("a")), MockTask.of(all).poll());
    }

    @Test
    void defaultMethodsOnFutureDelegateHere() {
        Future<Integer> f = Futures.ready(2).map(x -> x * 10).then(x -> Futures.ready(x + 1));
        FusedFuture<Integer> fused = f.fuse();
        MockTask<Integer> task = MockTask.of(fused);
        assertEquals(Poll.ready(21), task.poll());
        assertTrue(fused.isTerminated());
        assertTrue(task.poll().isPending(), "a fused future is Pending after completion");
    }
}
