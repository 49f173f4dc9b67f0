package dev.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.fault.MoveReport;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Unpin;
import dev.lockstep.future.Waker;
import dev.lockstep.pin.Movable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MoveInjectionTest {
    static final FaultPlan PLAN = FaultPlan.only(FaultKind.RELOCATE, 1.0);

    static Simulation sim() {
        return Simulation.builder().choices(new EagerChoices()).faults(PLAN).build();
    }

    /** Yields {@code rounds} times, then returns how many polls it saw: moves nothing wrong. */
    static final class Countdown implements Future<Integer>, Unpin {
        private int left;
        private int polls;

        Countdown(int rounds) {
            this.left = rounds;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            polls++;
            if (left-- == 0) {
                return Poll.ready(polls);
            }
            cx.waker().wakeByRef();
            return Poll.pending();
        }
    }

    /** Declared Unpin, but keeps a cursor that points back at it. */
    static final class Parser implements Future<String>, Unpin {
        final Cursor cursor = new Cursor(this);
        int polls;

        @Override
        public Poll<String> poll(Context cx) {
            if (++polls == 3) {
                return Poll.ready("parsed");
            }
            cx.waker().wakeByRef();
            return Poll.pending();
        }
    }

    record Cursor(Parser owner) {}

    /**
     * Declared Unpin; polled three times while its timer is pending. With {@code boxed} its timer
     * callback updates a shared box, otherwise it captures the future itself.
     */
    static final class TimerFlag implements Future<String>, Unpin {
        final boolean boxed;
        final Box box = new Box();
        boolean fired;
        Waker waker;
        boolean registered;
        int polls;

        TimerFlag(boolean boxed) {
            this.boxed = boxed;
        }

        @Override
        public Poll<String> poll(Context cx) {
            polls++;
            if (fired || box.fired) {
                return Poll.ready("fired after " + polls + " polls");
            }
            if (!registered) {
                registered = true;
                Box b = box;
                if (boxed) {
                    cx.runtime().runAt(1_000_000, () -> b.fire());
                } else {
                    cx.runtime().runAt(1_000_000, () -> {
                        fired = true;
                        waker.wake();
                    });
                }
            }
            waker = cx.waker();
            box.waker = cx.waker();
            if (polls < 3) {
                cx.waker().wakeByRef();
            }
            return Poll.pending();
        }
    }

    static final class Box {
        boolean fired;
        Waker waker;

        void fire() {
            fired = true;
            waker.wake();
        }
    }

    @Nested
    class AnUnpinFuture {
        @Test
        void thatHoldsNoReferenceToItselfIsMovedAndGivesTheSameResult() {
            Simulation moved = sim();
            assertEquals(5, moved.blockOn(new Countdown(4)));
            assertEquals(4, FaultInjectorTest.faults(moved, "relocate").size(), "moved before every later poll");
            Simulation plain = Simulation.builder().build();
            assertEquals(5, plain.blockOn(new Countdown(4)));
        }

        @Test
        void whoseFieldsReferBackToItIsAPinViolationWithThePath() {
            Simulation sim = sim();
            JoinHandle<String> h = sim.spawn("parser", new Parser());
            ContractViolationException e = assertThrows(ContractViolationException.class, () -> sim.blockOn(h));
            assertEquals(ContractViolationException.Kind.PIN_VIOLATION, e.kind());
            assertEquals("parser", e.taskName());
            assertTrue(e.getMessage().contains("the moved copy Parser.cursor.owner"), e.getMessage());
            assertTrue(e.getMessage().contains("remove Unpin from Parser"), e.getMessage());
        }

        @Test
        void whoseTimerCallbackCapturesItIsAPinViolationNamingTheTimer() {
            Simulation sim = sim();
            ContractViolationException e = assertThrows(ContractViolationException.class,
                    () -> sim.blockOn(new TimerFlag(false)));
            assertTrue(e.getMessage().contains("timer@0.001s set by 'main'#0.action.<captured 1>"), e.getMessage());
            assertEquals("fired after 4 polls", Simulation.builder().build().blockOn(new TimerFlag(false)),
                    "unmoved, the same future works");
        }

        @Test
        void whoseCallbackUpdatesSharedStateInsteadIsMovedSafely() {
            Simulation sim = sim();
            assertEquals("fired after 4 polls", sim.blockOn(new TimerFlag(true)));
            assertEquals(3, FaultInjectorTest.faults(sim, "relocate").size());
        }
    }

    @Nested
    class CheckMoves {
        @Test
        void findsNothingWhenTheMovesAreInvisible() {
            MoveReport r = Simulation.builder().seed(3).checkMoves(sim -> sim.blockOn(new Countdown(6)));
            r.assertConsistent();
            assertTrue(r.moves() > 0, r.toString());
            assertEquals("returned 7", r.withMoves());
        }

        @Test
        void reportsAResultThatDependsOnThePreMoveInstance() {
            MoveReport r = Simulation.builder().seed(3).checkMoves(sim -> {
                Countdown c = new Countdown(6);
                sim.blockOn(c);
                return c.polls;
            });
            assertTrue(!r.consistent(), r.toString());
            assertTrue(r.withoutMoves().equals("returned 7") && !r.withMoves().equals("returned 7"), r.toString());
            AssertionError e = assertThrows(AssertionError.class, r::assertConsistent);
            assertTrue(e.getMessage().startsWith("PIN_VIOLATION: moving Unpin futures changed the run"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("faults: faults[relocate=0.5]"), e.getMessage());
        }

        @Test
        void reportsASelfReferentialFutureThatTheMoveInjectionStopped() {
            MoveReport r = Simulation.builder().seed(1).faults(PLAN).checkMoves(sim -> sim.blockOn(new Parser()));
            assertEquals("returned parsed", r.withoutMoves());
            assertEquals("threw " + ContractViolationException.class.getName(), r.withMoves());
        }
    }

    @Test
    void aFutureThatIsNotUnpinIsNeverMoved() {
        Simulation sim = sim();
        assertEquals(Integer.valueOf(1), sim.blockOn(Futures.yieldNow().map(v -> 1)));
        // The map is not Unpin and stays in place; only its Unpin child (the yield) may be moved.
        assertTrue(FaultInjectorTest.faults(sim, "relocate").stream().allMatch(f -> f.detail().startsWith(
                "moved inner ")), FaultInjectorTest.faults(sim, "relocate").toString());
    }

    @Test
    void aMovableWhoseRelocateReturnsItselfIsAPinViolation() {
        final class Stubborn implements Future<Integer>, Movable {
            int polls;

            @Override
            public Poll<Integer> poll(Context cx) {
                if (++polls == 2) {
                    return Poll.ready(polls);
                }
                cx.waker().wakeByRef();
                return Poll.pending();
            }

            @Override
            public Movable relocate() {
                return this;
            }
        }
        ContractViolationException e = assertThrows(ContractViolationException.class,
                () -> sim().blockOn(new Stubborn()));
        assertTrue(e.getMessage().contains("relocate() returned the instance itself"), e.getMessage());
    }
}
