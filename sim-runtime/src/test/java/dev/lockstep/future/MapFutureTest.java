package dev.lockstep.future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.testkit.MockTask;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MapFutureTest {

    @Nested
    class WhenTheInnerFutureCompletes {
        @Test
        void completesWithTheFunctionOfItsValue() {
            ProbeFuture<Integer> inner = new ProbeFuture<>("inner");
            MockTask<String> task = MockTask.of(Futures.map(inner, x -> "v" + x));
            assertTrue(task.poll().isPending());
            assertTrue(inner.complete(7));
            assertTrue(task.isWoken(), "the inner future woke the task's own waker");
            assertEquals(Poll.ready("v7"), task.poll());
        }

        @Test
        void appliesTheFunctionOnceAndThenRefusesToBePolled() {
            AtomicInteger calls = new AtomicInteger();
            MockTask<Integer> task = MockTask.of(Futures.ready(1).map(x -> calls.incrementAndGet()));
            assertEquals(Poll.ready(1), task.poll());
            IllegalStateException e = assertThrows(IllegalStateException.class, task::poll);
            assertTrue(e.getMessage().contains("map polled after completion"), e.getMessage());
            assertEquals(1, calls.get());
        }
    }

    @Nested
    class Errors {
        @Test
        void theFunctionsExceptionPropagates() {
            IllegalStateException boom = new IllegalStateException("boom");
            MockTask<Object> task = MockTask.of(Futures.ready(1).map(x -> {
                throw boom;
            }));
            assertSame(boom, assertThrows(IllegalStateException.class, task::poll));
        }

        @Test
        void theInnerFuturesExceptionPropagatesAndTheMapIsComplete() {
            ProbeFuture<Integer> inner = new ProbeFuture<>("inner");
            MockTask<Integer> task = MockTask.of(inner.map(x -> x));
            inner.fail(new ArithmeticException("inner"));
            assertEquals("inner", assertThrows(ArithmeticException.class, task::poll).getMessage());
            assertThrows(IllegalStateException.class, task::poll);
            assertEquals(1, inner.polls());
        }
    }

    @Nested
    class Cancel {
        @Test
        void forwardsToAnIncompleteInnerFutureOnce() {
            ProbeFuture<Integer> inner = new ProbeFuture<>("inner");
            Future<Integer> map = inner.map(x -> x);
            MockTask<Integer> task = MockTask.of(map);
            task.poll();
            Futures.cancel(map);
            Futures.cancel(map);
            assertEquals(1, inner.cancels());
            IllegalStateException e = assertThrows(IllegalStateException.class, task::poll);
            assertTrue(e.getMessage().contains("map polled after cancel"), e.getMessage());
        }

        @Test
        void afterCompletionDoesNotReachTheInnerFuture() {
            ProbeFuture<Integer> inner = ProbeFuture.completed("inner", 1);
            Future<Integer> map = inner.map(x -> x);
            MockTask.of(map).poll();
            Futures.cancel(map);
            assertEquals(0, inner.cancels());
        }
    }
}
