package dev.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.Context;
import dev.lockstep.future.FusedFuture;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.time.Sleep;
import dev.lockstep.trace.TraceEvent;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FusedCheckTest {
    static final FaultPlan PLAN = FaultPlan.only(FaultKind.POLL_AFTER_READY, 1.0);

    static Simulation sim() {
        return Simulation.builder().choices(new EagerChoices()).faults(PLAN).build();
    }

    /** Ready with 7 on the first poll; what it does afterwards is configurable. */
    static final class OneShot implements FusedFuture<Integer> {
        final boolean readyAgain;
        final boolean wakeAfter;
        final boolean claimTerminated;
        boolean done;
        int polls;

        OneShot(boolean readyAgain, boolean wakeAfter, boolean claimTerminated) {
            this.readyAgain = readyAgain;
            this.wakeAfter = wakeAfter;
            this.claimTerminated = claimTerminated;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            polls++;
            if (done) {
                if (wakeAfter) {
                    cx.waker().wakeByRef();
                }
                return readyAgain ? Poll.ready(7) : Poll.pending();
            }
            done = true;
            return Poll.ready(7);
        }

        @Override
        public boolean isTerminated() {
            return claimTerminated && done;
        }
    }

    @Nested
    class AFusedFuture {
        @Test
        void thatStaysPendingAfterReadyPassesAndIsPolledTwice() {
            Simulation sim = sim();
            OneShot f = new OneShot(false, false, true);
            assertEquals(7, sim.blockOn(f));
            assertEquals(2, f.polls);
            TraceEvent.Fault check = FaultInjectorTest.faults(sim, "poll-after-ready").get(0);
            assertTrue(check.detail().contains("Pending, terminated, no effects (fused)"), check.detail());
        }

        @Test
        void fromTheLibraryPasses() {
            Simulation sim = sim();
            sim.blockOn(Sleep.of(Duration.ofMillis(3)));
            assertEquals(5, sim.blockOn(Futures.fuse(Futures.ready(5))));
        }

        @Test
        void thatReturnsReadyAgainIsNotFused() {
            ContractViolationException e = assertThrows(ContractViolationException.class,
                    () -> sim().blockOn(new OneShot(true, false, true)));
            assertEquals(ContractViolationException.Kind.NOT_FUSED, e.kind());
            assertEquals("main", e.taskName());
            assertTrue(e.getMessage().contains("returned Ready(7) again"), e.getMessage());
            assertTrue(e.getMessage().contains("replay: lockstep:2:")
                    && e.getMessage().contains("setup: faults[poll-after-ready=1.0]"), e.getMessage());
        }

        @Test
        void thatWakesItsWakerAfterReadyIsNotFused() {
            Simulation sim = sim();
            JoinHandle<Integer> h = sim.spawn("waker", new OneShot(false, true, true));
            ContractViolationException e = assertThrows(ContractViolationException.class, () -> sim.blockOn(h));
            assertEquals("waker", e.taskName());
            assertTrue(e.getMessage().contains("woke its waker 1 time(s)"), e.getMessage());
        }

        @Test
        void thatDoesNotReportTerminationIsNotFused() {
            ContractViolationException e = assertThrows(ContractViolationException.class,
                    () -> sim().blockOn(new OneShot(false, false, false)));
            assertTrue(e.getMessage().contains("isTerminated() was false right after it returned Ready"),
                    e.getMessage());
        }
    }

    @Test
    void aFutureThatIsNotFusedIsNeverPolledAfterReady() {
        int[] polls = {0};
        Future<Integer> once = cx -> {
            polls[0]++;
            return Poll.ready(polls[0]);
        };
        Simulation sim = sim();
        assertEquals(1, sim.blockOn(once));
        assertEquals(1, polls[0]);
        assertTrue(FaultInjectorTest.faults(sim, "poll-after-ready").isEmpty());
    }
}
