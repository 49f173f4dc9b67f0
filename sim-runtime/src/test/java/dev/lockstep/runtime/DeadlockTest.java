package dev.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import org.junit.jupiter.api.Test;

class DeadlockTest {

    @Test
    void aFutureThatDropsItsWakerIsReportedAsALostWakeupNamingTheTask() {
        int deadlocks = 0;
        for (long seed = 0; seed < 50; seed++) {
            Simulation sim = Simulation.builder().seed(seed).build();
            TestChannel<Integer> ch = new TestChannel<>(true);
            JoinHandle<Integer> receiver = sim.spawn("receiver", ch.recv());
            sim.spawn("sender", cx -> {
                ch.send(1);
                return Poll.ready(null);
            });
            DeadlockException e;
            try {
                // When the sender runs first the receiver finds the item: the bug only shows in the other order.
                sim.blockOn(receiver);
                continue;
            } catch (DeadlockException d) {
                e = d;
                deadlocks++;
            }
            DeadlockException.BlockedTask blocked = e.blocked().stream()
                    .filter(b -> b.name().equals("receiver")).findFirst().orElseThrow();
            assertTrue(blocked.lostWakeup(), e.getMessage());
            assertTrue(e.getMessage().contains("task 'receiver'#0") && e.getMessage().contains("LOST WAKEUP"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("replay: lockstep:2:"), e.getMessage());
        }
        assertTrue(deadlocks > 10 && deadlocks < 40, "the order should matter: " + deadlocks + " of 50 deadlocked");
    }

    @Test
    void aTaskWaitingOnSomethingThatNeverHappensIsNotCalledALostWakeup() {
        Simulation sim = Simulation.builder().build();
        TestChannel<Integer> ch = new TestChannel<>(false);
        DeadlockException e = assertThrows(DeadlockException.class, () -> sim.blockOn(ch.recv()));
        assertFalse(e.hasLostWakeup(), e.getMessage());
        assertTrue(e.getMessage().contains("its waker is held at"), e.getMessage());
        assertTrue(e.getMessage().contains(".receiver"), e.getMessage());
    }

    @Test
    void aDeadlockCancelsTheRemainingTasksSoTheyReleaseTheirResources() {
        Simulation sim = Simulation.builder().build();
        boolean[] cancelled = {false};
        sim.spawn("holder", new HoldsResource(cancelled));
        assertThrows(DeadlockException.class, () -> sim.blockOn(Futures.pending()));
        assertTrue(cancelled[0]);
        assertEquals(0, sim.liveTasks());
    }

    private record HoldsResource(boolean[] cancelled) implements dev.lockstep.future.Future<Void>,
            dev.lockstep.future.Cancellable {
        @Override
        public Poll<Void> poll(dev.lockstep.future.Context cx) {
            return Poll.pending();
        }

        @Override
        public void cancel() {
            cancelled[0] = true;
        }
    }

    @Test
    void aDeadlockMentionsAndAttachesAnEarlierFailureNobodyAwaited() {
        Simulation sim = Simulation.builder().build();
        sim.spawn("crasher", c -> {
            throw new IllegalStateException("crashed before sending");
        });
        DeadlockException e = assertThrows(DeadlockException.class, () -> sim.blockOn(Futures.pending()));
        assertTrue(e.getMessage().contains("task 'crasher'#0 failed earlier and nobody awaited it"), e.getMessage());
        assertEquals(1, e.getSuppressed().length);
        assertTrue(e.getSuppressed()[0].getCause() instanceof IllegalStateException);
    }

    @Test
    void anAsyncBodyAwaitingAFutureThatKeepsNoWakerIsALostWakeup() {
        // The suspended body keeps the context of its last poll; that is not where anything wakes it from.
        Simulation sim = Simulation.builder().build();
        DeadlockException e = assertThrows(DeadlockException.class,
                () -> sim.blockOn(Async.async(a -> a.await(Futures.pending()))));
        assertTrue(e.hasLostWakeup(), e.getMessage());
        assertTrue(e.getMessage().contains("LOST WAKEUP"), e.getMessage());
    }

    @Test
    void aPendingForeverFutureIsALostWakeup() {
        Simulation sim = Simulation.builder().build();
        DeadlockException e = assertThrows(DeadlockException.class, () -> sim.blockOn(Futures.pending()));
        assertEquals(1, e.blocked().size());
        assertTrue(e.hasLostWakeup());
        assertEquals(0, e.blocked().get(0).lastPendingStep());
    }
}
