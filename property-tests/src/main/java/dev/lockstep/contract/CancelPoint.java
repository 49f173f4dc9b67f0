package dev.lockstep.contract;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import java.util.Objects;

/**
 * The future of a cancelled run: polls the future under check and aborts its own task right after
 * the future's {@code n}-th {@code Pending}, when the registrations that poll made are in place.
 * The abort cancels this wrapper, which cancels the future ({@link Futures#cancel}), as an executor
 * drops a task's future; then the checker looks for what is still registered.
 *
 * <p>The wrapper is neither {@code Unpin} nor fused, so cancelled runs do not move the future or
 * poll it after {@code Ready}: the runs without a cancel check that.
 */
final class CancelPoint<T> implements Future<T>, Cancellable {
    private final Future<T> inner;
    /** {@code Pending}s still to see before the abort; 0 once it was requested. */
    private int pendingsLeft;
    private JoinHandle<T> task;
    /** Whether the inner future's {@code cancel()} was entered, to tell its exceptions from poll's. */
    private boolean cancelling;

    CancelPoint(Future<T> inner, int afterPendings) {
        if (afterPendings < 1) {
            throw new IllegalArgumentException("cancel after at least one Pending, got " + afterPendings);
        }
        this.inner = Objects.requireNonNull(inner, "inner");
        this.pendingsLeft = afterPendings;
    }

    /** The task this wrapper runs in, known once spawned; it is aborted at the cancel point. */
    void bind(JoinHandle<T> handle) {
        this.task = Objects.requireNonNull(handle, "handle");
    }

    /** Whether the future's {@code cancel()} ran (or was entered and threw). */
    boolean cancelling() {
        return cancelling;
    }

    @Override
    public Poll<T> poll(Context cx) {
        Poll<T> p = inner.poll(cx);
        if (p.isPending() && pendingsLeft > 0 && --pendingsLeft == 0) {
            // Aborting the running task takes effect when this poll returns: the executor then calls cancel().
            task.abort();
        }
        return p;
    }

    @Override
    public void cancel() {
        cancelling = true;
        Futures.cancel(inner);
    }

    @Override
    public String toString() {
        return "cancel-point(" + inner + ")";
    }
}
