package dev.lockstep.testkit;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;

/**
 * {@link TestFutures#pendingOnce(Future)}: returns {@code Pending} (after waking) once, then
 * passes every poll through.
 */
final class PendingOnceFuture<T> implements Future<T>, Cancellable {
    private final Future<T> inner;
    /** Whether the one fake {@code Pending} was returned. */
    private boolean pendedOnce;

    PendingOnceFuture(Future<T> inner) {
        this.inner = inner;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (!pendedOnce) {
            pendedOnce = true;
            cx.waker().wakeByRef();
            return Poll.pending();
        }
        return inner.poll(cx);
    }

    @Override
    public void cancel() {
        Futures.cancel(inner);
    }

    @Override
    public String toString() {
        return "pendingOnce(" + inner + ")";
    }
}
