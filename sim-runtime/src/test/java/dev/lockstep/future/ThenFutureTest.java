package dev.lockstep.future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.testkit.MockTask;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ThenFutureTest {

    @Nested
    class Sequencing {
        @Test
        void runsTheSecondFutureWithTheFirstsValue() {
            ProbeFuture<Integer> first = new ProbeFuture<>("first");
            ProbeFuture<String> second = new ProbeFuture<>("second");
            AtomicInteger seen = new AtomicInteger();
            MockTask<String> task = MockTask.of(first.then(x -> {
                seen.set(x);
                return second;
            }));
            assertTrue(task.poll().isPending());
            first.complete(5);
            assertTrue(task.isWoken());
            assertTrue(task.poll().isPending());
            assertEquals(5, seen.get());
            assertEquals(1, second.polls(), "the second future is polled in the poll in which the first completed");
            second.complete("done");
            assertTrue(task.isWoken(), "the second future got the task's waker");
            assertEquals(Poll.ready("done"), task.poll());
            assertEquals(2, first.polls(), "the completed first future was not polled again");
        }

        @Test
        void completesInOnePollWhenBothAreReady() {
            assertEquals(Poll.ready(3), MockTask.of(Futures.ready(1).then(x -> Futures.ready(x + 2))).poll());
        }

        @Test
        void doesNotRunTheFunctionBeforeTheFirstCompletes() {
            AtomicInteger calls = new AtomicInteger();
            MockTask<Integer> task = MockTask.of(Futures.<Integer>pending().then(x -> {
                calls.incrementAndGet();
                return Futures.ready(x);
            }));
            task.poll();
            task.poll();
            assertEquals(0, calls.get());
        }
    }

    @Nested
    class Errors {
        @Test
        void theFunctionsExceptionPropagates() {
            IllegalArgumentException boom = new IllegalArgumentException("boom");
            MockTask<Integer> task = MockTask.of(Futures.ready(1).then(x -> {
                throw boom;
            }));
            assertSame(boom, assertThrows(IllegalArgumentException.class, task::poll));
            assertThrows(IllegalStateException.class, task::poll);
        }

        @Test
        void aNullFutureFromTheFunctionIsReported() {
            MockTask<Integer> task = MockTask.of(Futures.ready(1).then(x -> null));
            NullPointerException e = assertThrows(NullPointerException.class, task::poll);
            assertTrue(e.getMessage().contains("then"), e.getMessage());
        }

        @Test
        void theSecondFuturesExceptionPropagates() {
            ProbeFuture<Integer> second = new ProbeFuture<>("second");
            second.fail(new UnsupportedOperationException("second"));
            MockTask<Integer> task = MockTask.of(Futures.ready(1).then(x -> second));
            assertThrows(UnsupportedOperationException.class, task::poll);
            assertFalse(second.isCancelled());
        }
    }

    @Nested
    class Cancel {
        @Test
        void cancelsTheFirstFutureWhileItRuns() {
            ProbeFuture<Integer> first = new ProbeFuture<>("first");
            AtomicInteger calls = new AtomicInteger();
            Future<Integer> then = first.then(x -> {
                calls.incrementAndGet();
                return Futures.ready(x);
            });
            MockTask.of(then).poll();
            Futures.cancel(then);
            assertTrue(first.isCancelled());
            assertEquals(0, calls.get());
        }

        @Test
        void cancelsTheSecondFutureOnceTheFirstCompleted() {
            ProbeFuture<String> second = new ProbeFuture<>("second");
            Future<String> then = Futures.ready(1).then(x -> second);
            MockTask<String> task = MockTask.of(then);
            task.poll();
            Futures.cancel(then);
            assertEquals(1, second.cancels());
            assertThrows(IllegalStateException.class, task::poll);
        }
    }
}
