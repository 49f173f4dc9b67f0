package dev.lockstep.future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.testkit.MockTask;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SelectFutureTest {

    /** A task whose choices are {@code choices}, then 0. */
    private static <T> MockTask<T> scripted(Future<T> f, int... choices) {
        return MockTask.of(f, Simulation.builder().choices(ChoiceSource.replay(choices)).build());
    }

    @Nested
    class TheWinner {
        @Test
        void isTheFirstToCompleteAndTheLoserIsCancelled() {
            ProbeFuture<String> a = new ProbeFuture<>("a");
            ProbeFuture<Integer> b = new ProbeFuture<>("b");
            MockTask<Either<String, Integer>> task = MockTask.of(Futures.select(a, b));
            assertTrue(task.poll().isPending());
            b.complete(9);
            assertTrue(task.isWoken());
            assertEquals(Poll.ready(Either.<String, Integer>right(9)), task.poll());
            assertTrue(a.isCancelled());
            assertFalse(b.isCancelled());
        }

        @Test
        void whenBothAreReadyIsTheFirstArgumentOnChoiceZero() {
            ProbeFuture<String> a = ProbeFuture.completed("a", "a");
            ProbeFuture<String> b = ProbeFuture.completed("b", "b");
            assertEquals(Poll.ready(Either.left("a")), scripted(Futures.select(a, b), 0).poll());
            assertEquals(0, b.polls(), "the second child is not polled once the first is ready");
            assertTrue(b.isCancelled());
        }

        @Test
        void whenBothAreReadyIsTheSecondArgumentOnChoiceOne() {
            ProbeFuture<String> a = ProbeFuture.completed("a", "a");
            ProbeFuture<String> b = ProbeFuture.completed("b", "b");
            assertEquals(Poll.ready(Either.right("b")), scripted(Futures.select(a, b), 1).poll());
            assertEquals(0, a.polls());
            assertTrue(a.isCancelled());
        }

        @Test
        void drawsOneChoiceOfTwoPerPoll() {
            Simulation sim = Simulation.builder().seed(3).build();
            MockTask<Either<Object, Object>> task = MockTask.of(Futures.select(Futures.pending(), Futures.pending()), sim);
            task.poll();
            task.poll();
            task.poll();
            assertEquals(3, sim.choices().recordedCount());
        }
    }

    @Nested
    class Errors {
        @Test
        void aFailingChildCancelsTheOtherAndPropagates() {
            for (int choice = 0; choice < 2; choice++) {
                ProbeFuture<String> a = new ProbeFuture<>("a");
                ProbeFuture<String> b = new ProbeFuture<>("b");
                a.fail(new IllegalStateException("boom"));
                MockTask<Either<String, String>> task = scripted(Futures.select(a, b), choice);
                assertEquals("boom", assertThrows(IllegalStateException.class, task::poll).getMessage());
                assertTrue(b.isCancelled());
                assertFalse(a.isCancelled());
                IllegalStateException again = assertThrows(IllegalStateException.class, task::poll);
                assertTrue(again.getMessage().contains("select polled after completion"), again.getMessage());
            }
        }
    }

    @Nested
    class Cancel {
        @Test
        void cancelsBothChildrenWhilePendingAndOnlyOnce() {
            ProbeFuture<String> a = new ProbeFuture<>("a");
            ProbeFuture<String> b = new ProbeFuture<>("b");
            Future<Either<String, String>> select = Futures.select(a, b);
            MockTask<Either<String, String>> task = MockTask.of(select);
            task.poll();
            Futures.cancel(select);
            Futures.cancel(select);
            assertEquals(1, a.cancels());
            assertEquals(1, b.cancels());
            assertThrows(IllegalStateException.class, task::poll);
        }

        @Test
        void afterCompletionTouchesNeitherChild() {
            ProbeFuture<String> a = ProbeFuture.completed("a", "a");
            ProbeFuture<String> b = new ProbeFuture<>("b");
            Future<Either<String, String>> select = Futures.select(a, b);
            scripted(select, 0).poll();
            Futures.cancel(select);
            assertEquals(0, a.cancels());
            assertEquals(1, b.cancels(), "cancelled once, as the loser");
        }
    }
}
