package dev.lockstep.testkit;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;
import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.pin.PinViolationException;

/**
 * {@link TestFutures#assertUnmoved(Future)}: passes every poll through and fails with a
 * {@link PinViolationException} when the future is continued from another place than the one it
 * was first polled from (futures-test's {@code AssertUnmoved}).
 *
 * <h2>What counts as a move</h2>
 * <ul>
 *   <li>a copy is polled or cancelled: the first poll stores this instance in {@code home}, so a
 *       copy made after it ({@code Movable.relocate()}, a reflective shallow copy) carries a
 *       {@code home} that is not itself;
 *   <li>it is polled from a second place: by another runtime, or by another task than the one
 *       that polled it first (a future taken out of one task and continued in another).
 * </ul>
 * Moving it within one task without copying it is caught by its {@link Pin}: this wrapper is not
 * {@link Unpin}, so {@code unpin()} after a poll throws.
 *
 * <h2>Errors</h2>
 * The exception carries the stack of the first poll ({@link PinViolationException#firstPoll()}) and
 * its own stack is that of the offending poll or cancel.
 */
final class AssertUnmovedFuture<T> implements Future<T>, Cancellable {
    private final Future<T> inner;
    /** This instance once polled; a copy still holds the original. Null before the first poll. */
    private Object home;
    /** Where the first poll happened: the runtime and task. */
    private RuntimeHandle runtime;
    private int taskId;
    private String taskName;
    private Throwable firstPoll;

    AssertUnmovedFuture(Future<T> inner) {
        this.inner = inner;
    }

    @Override
    public Poll<T> poll(Context cx) {
        RuntimeHandle rt = cx.runtime();
        if (home == null) {
            home = this;
            runtime = rt;
            taskId = rt.currentTaskId();
            taskName = rt.currentTaskName();
            firstPoll = new Throwable("first poll of assertUnmoved(" + inner + "), in task '" + taskName + "'#"
                    + taskId + " at step " + rt.step() + ", virtual time " + rt.nanos() + "ns");
        } else if (home != this) {
            throw moved("a copy of it was polled: it was moved after its first poll");
        } else if (rt != runtime || rt.currentTaskId() != taskId) {
            throw moved("it was polled from a second place: first in task '" + taskName + "'#" + taskId
                    + (rt != runtime ? " of another runtime" : "") + ", now in task '" + rt.currentTaskName() + "'#"
                    + rt.currentTaskId() + " (" + rt.describe() + ")");
        }
        return inner.poll(cx);
    }

    @Override
    public void cancel() {
        if (home != null && home != this) {
            throw moved("a copy of it was cancelled: it was moved after its first poll and before its cancel");
        }
        Futures.cancel(inner);
    }

    private PinViolationException moved(String what) {
        return new PinViolationException("assertUnmoved(" + inner + "): " + what + ". A future that may refer back"
                + " to itself must be polled and cancelled where it was first polled; keep it in its Pin", firstPoll);
    }

    @Override
    public String toString() {
        return "assertUnmoved(" + inner + ")";
    }
}
