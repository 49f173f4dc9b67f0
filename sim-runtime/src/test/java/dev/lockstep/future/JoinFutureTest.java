package dev.lockstep.future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.testkit.MockTask;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JoinFutureTest {

    @Nested
    class Completion {
        @Test
        void waitsForBothAndKeepsTheirOrder() {
            ProbeFuture<String> a = new ProbeFuture<>("a");
            ProbeFuture<Integer> b = new ProbeFuture<>("b");
            MockTask<Both<String, Integer>> task = MockTask.of(Futures.join(a, b));
            assertTrue(task.poll().isPending());
            b.complete(2);
            assertTrue(task.isWoken());
            assertTrue(task.poll().isPending());
            a.complete("one");
            assertTrue(task.isWoken());
            assertEquals(Poll.ready(new Both<>("one", 2)), task.poll());
        }

        @Test
        void pollsEveryIncompleteChildOnEachPollButNeverACompletedOne() {
            ProbeFuture<String> a = ProbeFuture.completed("a", "x");
            ProbeFuture<String> b = new ProbeFuture<>("b");
            MockTask<Both<String, String>> task = MockTask.of(Futures.join(a, b));
            task.poll();
            task.poll();
            task.poll();
            assertEquals(1, a.polls());
            assertEquals(3, b.polls());
        }

        @Test
        void completesInOnePollWhenBothAreReadyAndCarriesNulls() {
            MockTask<Both<Void, Void>> task = MockTask.of(Futures.join(Futures.ready(null), Futures.ready(null)));
            assertEquals(Poll.ready(new Both<Void, Void>(null, null)), task.poll());
            IllegalStateException e = assertThrows(IllegalStateException.class, task::poll);
            assertTrue(e.getMessage().contains("join polled after completion"), e.getMessage());
        }
    }

    @Nested
    class Errors {
        @Test
        void aFailingChildCancelsTheOtherAndPropagates() {
            ProbeFuture<String> a = new ProbeFuture<>("a");
            ProbeFuture<String> b = new ProbeFuture<>("b");
            MockTask<Both<String, String>> task = MockTask.of(Futures.join(a, b));
            task.poll();
            IllegalStateException boom = new IllegalStateException("boom");
            b.fail(boom);
            assertSame(boom, assertThrows(IllegalStateException.class, task::poll));
            assertTrue(a.isCancelled());
            assertFalse(b.isCancelled(), "the child that failed is not cancelled");
            assertThrows(IllegalStateException.class, task::poll);
        }

        @Test
        void aFailingFirstChildCancelsTheSecondBeforeItIsPolled() {
            ProbeFuture<String> a = new ProbeFuture<>("a");
            ProbeFuture<String> b = new ProbeFuture<>("b");
            a.fail(new IllegalStateException("boom"));
            assertThrows(IllegalStateException.class, MockTask.of(Futures.join(a, b))::poll);
            assertTrue(b.isCancelled());
            assertEquals(0, b.polls());
        }

        @Test
        void anExceptionFromCancellingTheOtherIsSuppressedNotLost() {
            ProbeFuture<String> a = new ProbeFuture<>("a");
            a.fail(new IllegalStateException("boom"));
            class BadCancel implements Future<String>, Cancellable {
                @Override
                public Poll<String> poll(Context cx) {
                    return Poll.pending();
                }

                @Override
                public void cancel() {
                    throw new UnsupportedOperationException("cancel failed");
                }
            }
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    MockTask.of(Futures.join(a, new BadCancel()))::poll);
            assertEquals("boom", e.getMessage());
            assertEquals("cancel failed", e.getSuppressed()[0].getMessage());
        }
    }

    @Nested
    class Cancel {
        @Test
        void cancelsOnlyTheChildrenStillIncomplete() {
            ProbeFuture<String> a = ProbeFuture.completed("a", "x");
            ProbeFuture<String> b = new ProbeFuture<>("b");
            Future<Both<String, String>> join = Futures.join(a, b);
            MockTask<Both<String, String>> task = MockTask.of(join);
            task.poll();
            Futures.cancel(join);
            Futures.cancel(join);
            assertEquals(0, a.cancels());
            assertEquals(1, b.cancels());
            assertThrows(IllegalStateException.class, task::poll);
        }
    }
}
