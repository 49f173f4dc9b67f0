package dev.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.future.Either;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.future.TimerRegistration;
import dev.lockstep.time.Sleep;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RegistrationsTest {

    /** A hand-written sleep that is not Cancellable: its timer outlives an abort. */
    static Future<Void> uncancellableSleep(long nanos) {
        TimerRegistration[] timer = {null};
        return cx -> {
            if (cx.runtime().nanos() >= nanos) {
                return Poll.ready(null);
            }
            if (timer[0] == null) {
                timer[0] = cx.runtime().wakeAt(nanos, cx.waker());
            }
            return Poll.pending();
        };
    }

    /** Runs the simulation until {@code task} has been polled once (it is then waiting). */
    static void pollOnce(Simulation sim) {
        sim.advance(Duration.ZERO);
    }

    @Nested
    class AfterAnAbort {
        @Test
        void aCancellableSleepLeavesNothing() {
            Simulation sim = Simulation.builder().build();
            JoinHandle<Void> h = sim.spawn("sleeper", Sleep.of(Duration.ofMillis(5)));
            pollOnce(sim);
            assertEquals(1, sim.pendingTimers());
            h.abort();
            assertEquals(List.of(), Registrations.heldFor(sim, h));
        }

        @Test
        void aTimerTheTaskSetIsNamedWithItsDeadline() {
            Simulation sim = Simulation.builder().build();
            JoinHandle<Void> h = sim.spawn("sleeper", uncancellableSleep(5_000_000));
            pollOnce(sim);
            h.abort();
            List<String> held = Registrations.heldFor(sim, h);
            assertEquals(List.of("timer @0.005s set by 'sleeper'#0 is still pending (neither fired nor cancelled)"),
                    held);
        }

        @Test
        void aWakerLeftInAnotherTasksChannelIsFoundWithItsPath() {
            Simulation sim = Simulation.builder().build();
            TestChannel<Integer> channel = new TestChannel<>(false);
            JoinHandle<Integer> receiver = sim.spawn("receiver", channel.recv());
            sim.spawn("sender", Sleep.of(Duration.ofMillis(1)).map(v -> {
                channel.send(1);
                return 0;
            }));
            pollOnce(sim);
            receiver.abort();
            List<String> held = Registrations.heldFor(sim, receiver);
            assertEquals(1, held.size(), held.toString());
            assertTrue(held.get(0).startsWith("its waker is still held at task 'sender'#1 future")
                    && held.get(0).endsWith(".receiver"), held.get(0));
        }
    }

    @Nested
    class AJoinHandle {
        @Test
        void droppedAsASelectLoserReleasesTheWakerItsAwaiterStored() {
            Simulation sim = Simulation.builder().build();
            JoinHandle<Integer> worker = sim.spawn("worker", Sleep.of(Duration.ofMillis(10)).map(v -> 1));
            JoinHandle<Either<Integer, Void>> main = sim.spawn("main",
                    Futures.select(worker, Sleep.of(Duration.ofMillis(1))));
            pollOnce(sim);
            List<String> waiting = Registrations.heldFor(sim, main);
            assertTrue(waiting.contains("the JoinHandle of task 'worker'#0 still holds its waker (as if it still"
                    + " awaited that task)"), waiting.toString());
            sim.advance(Duration.ofMillis(1));
            assertTrue(main.isFinished());
            assertEquals(List.of(), Registrations.heldFor(sim, main));
            assertEquals(false, worker.isFinished(), "a dropped handle detaches its task");
        }

        @Test
        void awaitedAndAbortedLeavesNoWakerInTheAwaitedTask() {
            Simulation sim = Simulation.builder().build();
            JoinHandle<Integer> worker = sim.spawn("worker", Sleep.of(Duration.ofMillis(10)).map(v -> 1));
            JoinHandle<Integer> waiter = sim.spawn("waiter", worker);
            pollOnce(sim);
            waiter.abort();
            assertEquals(List.of(), Registrations.heldFor(sim, waiter));
        }
    }

    @Test
    void aHandleOfAnotherSimulationIsRejected() {
        Simulation a = Simulation.builder().build();
        Simulation b = Simulation.builder().build();
        JoinHandle<Integer> h = a.spawn("x", Futures.ready(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Registrations.heldFor(b, h));
        assertTrue(e.getMessage().contains("not a task of this simulation"), e.getMessage());
    }
}
