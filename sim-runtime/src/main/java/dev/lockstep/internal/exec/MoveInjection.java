package dev.lockstep.internal.exec;

import dev.lockstep.fault.FaultKind;
import dev.lockstep.future.Future;
import dev.lockstep.future.Unpin;
import dev.lockstep.internal.ShallowCopy;
import dev.lockstep.pin.Movable;
import dev.lockstep.pin.Pin;
import dev.lockstep.trace.TraceEvent;
import java.util.Optional;

/**
 * The {@code relocate} fault: moves a task's {@link Unpin} future to a copy between polls and
 * checks that nothing is left pointing at the pre-move instance.
 *
 * <h2>The move</h2>
 * The future is taken out of the task's {@link Pin} ({@code unpin()}, allowed for {@code Unpin}),
 * copied ({@link Movable#relocate()}, or a reflective shallow copy), and the copy is pinned in its
 * place; the task polls only the copy from then on. Only futures that were polled at least once
 * are moved (moving a fresh one proves nothing), and only classes that can be copied (not lambdas).
 *
 * <h2>The check</h2>
 * Right after the move, the copy's fields, the other tasks' futures, the pending timers and the
 * installed services are searched for a reference to the pre-move instance. Java never moves
 * objects, so such a reference is exactly how a later use of the old instance would happen (a
 * callback updating it, a timer waking through it, a reader seeing its stale state); it fails the
 * run at once with {@code ContractViolationException.Kind.PIN_VIOLATION} and the field path. A
 * reference held only by the test's own local variables is not visible here;
 * {@code Simulation.Builder.checkMoves} finds it as a result that differs between a run with moves
 * and the same choices without them.
 */
public final class MoveInjection {
    private MoveInjection() {}

    /** Whether {@code t}'s future may be moved now. */
    static boolean eligible(Task t) {
        if (t.pin == null || !t.pin.isPolled()) {
            return false;
        }
        return eligible(t.pin.get());
    }

    /** Whether {@code f} may be moved: an {@code Unpin} future that can be copied. */
    static boolean eligible(Future<?> f) {
        return f instanceof Unpin && (f instanceof Movable || ShallowCopy.canCopy(f.getClass()));
    }

    /** Traces the relocation without making it: the unmoved twin of a {@code MoveCheck}. */
    static void relocateDry(Kernel sim, Task t) {
        sim.trace().add(new TraceEvent.Fault(sim.step(), sim.nanos(), t.id, t.name, FaultKind.RELOCATE.key(),
                "drawn but not made (the run without moves of checkMoves)"));
    }

    @SuppressWarnings("unchecked")
    static void relocate(Kernel sim, Task t) {
        Future<Object> old = t.pin.get();
        Object moved = copy(sim, t, old, "");
        if (moved == null) {
            return;
        }
        t.pin.unpin();
        t.pin = Pin.of((Future<Object>) moved);
        check(sim, t, old, moved, "");
    }

    /**
     * Moves {@code inner}, a future the current poll of {@code t} is about to poll inside a
     * combinator or an async body, and returns the copy its owner polls instead (or {@code inner}
     * when it cannot be copied). The check is {@link #checkInner}, made once the poll returned, when
     * the owner holds the copy in place of the original.
     */
    @SuppressWarnings("unchecked")
    static <T> Future<T> relocateInner(Kernel sim, Task t, Future<T> inner) {
        Object moved = copy(sim, t, inner, "inner ");
        return moved == null ? inner : (Future<T>) moved;
    }

    /** The reference check of a move of an inner future {@code old} to {@code moved} in a poll of {@code t}. */
    static void checkInner(Kernel sim, Task t, Object old, Object moved) {
        check(sim, t, old, moved, "inner ");
    }

    /** The copy of {@code old}, traced; null if it cannot be copied (traced as skipped). */
    private static Object copy(Kernel sim, Task t, Future<?> old, String where) {
        String type = old.getClass().getName();
        Object moved;
        try {
            moved = old instanceof Movable m ? m.relocate() : ShallowCopy.of(old);
        } catch (UnsupportedOperationException e) {
            if (old instanceof Movable) {
                fail(sim, t, type + ".relocate() threw " + e, e);
            }
            sim.trace().add(new TraceEvent.Fault(sim.step(), sim.nanos(), t.id, t.name, FaultKind.RELOCATE.key(),
                    where + "skipped: " + e.getMessage()));
            return null;
        }
        if (moved == old || !(moved instanceof Future<?>)) {
            fail(sim, t, type + ".relocate() returned " + (moved == old ? "the instance itself" : moved)
                    + "; it must return a new future that continues from this one's state", null);
        }
        sim.trace().add(new TraceEvent.Fault(sim.step(), sim.nanos(), t.id, t.name, FaultKind.RELOCATE.key(),
                "moved " + where + old.getClass().getSimpleName() + " to a " + (old instanceof Movable ? "relocate()d" : "shallow")
                        + " copy before poll #" + (t.polls + 1)));
        return moved;
    }

    private static void check(Kernel sim, Task t, Object old, Object moved, String where) {
        String type = old.getClass().getName();
        Optional<String> path = sim.host().referenceAfterMove(old, moved, t);
        if (path.isPresent()) {
            fail(sim, t, "moved the Unpin " + (where.isEmpty() ? "future " : "inner future (polled inside the task's future) ") + type
                    + " to a copy before poll #" + (t.polls + 1)
                    + ", but the pre-move instance is still referenced from\n    " + path.get()
                    + "\n  so that reference now points at a future nobody polls (a callback updating it, a timer"
                    + " waking through it, a reader seeing its old state). The future refers back to itself: remove"
                    + " Unpin from " + old.getClass().getSimpleName() + " (it is then only polled in place), or"
                    + " implement Movable.relocate() to re-register at the new place", null);
        }
    }

    private static void fail(Kernel sim, Task t, String message, Throwable cause) {
        throw sim.errors().pinViolation(message, t.name, t.id,
                sim.step(), sim.nanos(), sim.replayString(), cause);
    }
}
