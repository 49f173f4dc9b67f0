package dev.lockstep.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;
import dev.lockstep.future.ProbeFuture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TestFuturesTest {

    @Nested
    class PendingOnce {
        @Test
        void firstPollWakesAndIsPendingWithoutPollingTheInnerFuture() {
            ProbeFuture<String> inner = ProbeFuture.completed("inner", "x");
            MockTask<String> task = MockTask.of(TestFutures.pendingOnce(inner));
            assertTrue(task.poll().isPending());
            assertTrue(task.isWoken());
            assertEquals(0, inner.polls());
            assertEquals(Poll.ready("x"), task.poll());
            assertEquals(1, inner.polls());
        }

        @Test
        void passesEveryLaterPollThrough() {
            ProbeFuture<String> inner = new ProbeFuture<>("inner");
            MockTask<String> task = MockTask.of(TestFutures.pendingOnce(inner));
            task.poll();
            task.poll();
            task.poll();
            assertEquals(2, inner.polls());
            assertEquals(1, task.wakeCount(), "only the first poll wakes");
        }

        @Test
        void forwardsCancel() {
            ProbeFuture<String> inner = new ProbeFuture<>("inner");
            Futures.cancel(TestFutures.pendingOnce(inner));
            assertTrue(inner.isCancelled());
        }
    }

    @Nested
    class InterleavePending {
        @Test
        void alternatesAWakingPendingWithARealPoll() {
            ProbeFuture<String> inner = new ProbeFuture<>("inner");
            MockTask<String> task = MockTask.of(TestFutures.interleavePending(inner));
            for (int round = 1; round <= 3; round++) {
                assertTrue(task.poll().isPending());
                assertTrue(task.isWoken(), "the fake Pending wakes");
                assertEquals(round - 1, inner.polls());
                assertTrue(task.poll().isPending());
                assertEquals(round, inner.polls());
                assertFalse(task.isWoken(), "a real Pending leaves waking to the inner future");
            }
            inner.complete("x");
            assertTrue(task.isWoken());
            assertTrue(task.poll().isPending());
            assertEquals(Poll.ready("x"), task.poll());
        }

        @Test
        void passesEveryPollThroughOnceTheInnerFutureIsReady() {
            int[] polls = {0};
            Future<String> everReady = cx -> {
                polls[0]++;
                return Poll.ready("x");
            };
            MockTask<String> task = MockTask.of(TestFutures.interleavePending(everReady));
            assertTrue(task.poll().isPending());
            assertEquals(Poll.ready("x"), task.poll());
            for (int later = 1; later <= 3; later++) {
                assertEquals(Poll.ready("x"), task.poll(), "poll " + later + " after Ready");
                assertFalse(task.isWoken(), "no fake Pending after Ready");
            }
            assertEquals(4, polls[0]);
        }

        @Test
        void forwardsCancel() {
            ProbeFuture<String> inner = new ProbeFuture<>("inner");
            Futures.cancel(TestFutures.interleavePending(inner));
            assertTrue(inner.isCancelled());
        }
    }
}
