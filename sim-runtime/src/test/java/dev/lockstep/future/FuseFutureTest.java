package dev.lockstep.future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.testkit.MockTask;
import dev.lockstep.testkit.Wakers;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FuseFutureTest {

    @Nested
    class AfterCompletion {
        @Test
        void returnsPendingAndReportsTerminatedWithoutPollingTheInnerFuture() {
            ProbeFuture<String> inner = new ProbeFuture<>("inner");
            FusedFuture<String> fused = inner.fuse();
            MockTask<String> task = MockTask.of(fused);
            assertTrue(task.poll().isPending());
            assertFalse(fused.isTerminated());
            inner.complete("x");
            assertEquals(Poll.ready("x"), task.poll());
            assertTrue(fused.isTerminated());
            for (int i = 0; i < 3; i++) {
                assertTrue(task.poll().isPending());
            }
            assertEquals(2, inner.polls(), "the probe fails the test if polled after completion");
        }

        @Test
        void doesNotTouchTheWakerOnceTerminated() {
            FusedFuture<String> fused = Futures.fuse(Futures.ready("x"));
            Context cx = new Context(Wakers.panicking(), MockTask.of(fused).runtime());
            assertEquals(Poll.ready("x"), fused.poll(cx));
            assertTrue(fused.poll(cx).isPending());
        }
    }

    @Nested
    class Errors {
        @Test
        void aFailureTerminatesItAfterPropagatingOnce() {
            ProbeFuture<String> inner = new ProbeFuture<>("inner");
            inner.fail(new IllegalArgumentException("bad"));
            FusedFuture<String> fused = inner.fuse();
            MockTask<String> task = MockTask.of(fused);
            assertThrows(IllegalArgumentException.class, task::poll);
            assertTrue(fused.isTerminated());
            assertTrue(task.poll().isPending());
        }
    }

    @Nested
    class Cancel {
        @Test
        void cancelsTheInnerFutureOnceAndTerminates() {
            ProbeFuture<String> inner = new ProbeFuture<>("inner");
            FusedFuture<String> fused = inner.fuse();
            Futures.cancel(fused);
            Futures.cancel(fused);
            assertEquals(1, inner.cancels());
            assertTrue(fused.isTerminated());
            assertTrue(MockTask.of(fused).poll().isPending());
        }
    }
}
