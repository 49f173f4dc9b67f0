package dev.lockstep.pin;

import dev.lockstep.future.Unpin;
import dev.lockstep.internal.ShallowCopy;

/**
 * A future that can be moved: {@link #relocate()} returns a copy that continues where this one
 * left off, at a new place. The executor's move injection ({@code FaultKind.RELOCATE}) calls it
 * between polls, then polls only the copy.
 *
 * <p>Java never moves objects, so a move is explicit (see {@link Pin}). Every {@link Unpin}
 * future may be moved by a shallow copy; a {@code Movable} one may override {@link #relocate()}
 * to fix up what a shallow copy would get wrong (re-register a callback at the new place, copy a
 * mutable buffer), which is how a future with internal references can still be moved safely.
 *
 * <h2>Returns</h2>
 * {@link #relocate()} returns a new instance, never {@code this}, in the state this future is in;
 * this instance must not be used afterwards, and nothing reachable from the copy, or registered
 * by it, may refer to this instance. The move injection checks the last rule and reports a
 * violation with the field path that still refers back.
 *
 * <h2>Threads</h2>
 * Called on the thread that polls the future, between polls.
 */
public interface Movable extends Unpin {

    /**
     * A copy of this future that continues from its state. The default is a reflective shallow
     * copy: a new instance of the same class whose fields hold the same references.
     *
     * @throws UnsupportedOperationException if this class cannot be copied reflectively (a
     *     lambda); override the method then
     */
    default Movable relocate() {
        return ShallowCopy.of(this);
    }
}
