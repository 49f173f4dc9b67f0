package dev.lockstep.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.ProbeFuture;
import dev.lockstep.internal.ShallowCopy;
import dev.lockstep.pin.Pin;
import dev.lockstep.pin.PinViolationException;
import dev.lockstep.runtime.SelfReferences;
import dev.lockstep.runtime.Simulation;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AssertUnmovedFutureTest {

    @Nested
    class Passes {
        @Test
        void whenPolledAgainFromTheSameTask() {
            Simulation sim = Simulation.builder().build();
            assertEquals(3, sim.blockOn(TestFutures.assertUnmoved(TestFutures.interleavePending(Futures.ready(3)))));
        }

        @Test
        void whenCancelledWhereItWasPolled() {
            ProbeFuture<String> probe = new ProbeFuture<>("p");
            Future<String> f = TestFutures.assertUnmoved(probe);
            MockTask<String> task = MockTask.of(f);
            assertTrue(task.poll().isPending());
            ((Cancellable) f).cancel();
            assertTrue(probe.isCancelled());
        }
    }

    @Nested
    class Fails {
        @Test
        void whenPolledFromASecondTaskWithTheStackOfTheFirstPoll() {
            Simulation sim = Simulation.builder().build();
            Future<Void> shared = TestFutures.assertUnmoved(new ProbeFuture<>("p"));
            sim.spawn("first", shared);
            sim.advance(java.time.Duration.ZERO);
            JoinHandle<Void> second = sim.spawn("second", shared);
            PinViolationException e = assertThrows(PinViolationException.class, () -> {
                try {
                    sim.blockOn(second);
                } catch (RuntimeException wrapped) {
                    throw wrapped.getCause() instanceof PinViolationException p ? p : wrapped;
                }
            });
            assertTrue(e.getMessage().contains("polled from a second place: first in task 'first'#0, now in task"
                    + " 'second'#1"), e.getMessage());
            assertNotNull(e.firstPoll());
            assertTrue(e.firstPoll().getMessage().contains("in task 'first'#0"), e.firstPoll().getMessage());
        }

        @Test
        void whenACopyIsPolledAfterTheFirstPoll() {
            Future<String> f = TestFutures.assertUnmoved(new ProbeFuture<>("p"));
            MockTask.of(f).poll();
            Future<String> copy = ShallowCopy.of(f);
            PinViolationException e = assertThrows(PinViolationException.class, () -> MockTask.of(copy).poll());
            assertTrue(e.getMessage().contains("a copy of it was polled"), e.getMessage());
        }

        @Test
        void whenACopyIsCancelled() {
            Future<String> f = TestFutures.assertUnmoved(new ProbeFuture<>("p"));
            MockTask.of(f).poll();
            Cancellable copy = (Cancellable) ShallowCopy.of(f);
            PinViolationException e = assertThrows(PinViolationException.class, copy::cancel);
            assertTrue(e.getMessage().contains("moved after its first poll and before its cancel"), e.getMessage());
        }

        @Test
        void whenItsPinIsUnpinnedAfterAPoll() {
            Pin<String> pin = Pin.of(TestFutures.assertUnmoved(new ProbeFuture<>("p")));
            pin.poll(new Context(Wakers.noop(), Simulation.builder().build().handle()));
            assertThrows(PinViolationException.class, pin::unpin);
        }
    }

    @Test
    void isSelfReferentialOncePolled() {
        AtomicReference<Future<String>> f = new AtomicReference<>(TestFutures.assertUnmoved(Futures.pending()));
        assertEquals(java.util.Optional.empty(), SelfReferences.find(f.get()));
        MockTask.of(f.get()).poll();
        assertEquals(java.util.Optional.of("AssertUnmovedFuture.home"), SelfReferences.find(f.get()));
    }
}
