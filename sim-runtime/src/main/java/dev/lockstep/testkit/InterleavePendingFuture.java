package dev.lockstep.testkit;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;

/**
 * {@link TestFutures#interleavePending(Future)}: alternates a fake {@code Pending} (after waking)
 * with a real poll of the inner future, starting with the fake one, until the inner future returns
 * {@code Ready}; from then on every poll is passed through.
 */
final class InterleavePendingFuture<T> implements Future<T>, Cancellable {
    private final Future<T> inner;
    /** Whether the next poll is a fake {@code Pending}. */
    private boolean fakeNext = true;
    /** Whether the inner future returned {@code Ready}: then polls pass through. */
    private boolean completed;

    InterleavePendingFuture(Future<T> inner) {
        this.inner = inner;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (completed) {
            return inner.poll(cx);
        }
        if (fakeNext) {
            fakeNext = false;
            cx.waker().wakeByRef();
            return Poll.pending();
        }
        fakeNext = true;
        Poll<T> p = inner.poll(cx);
        completed = p.isReady();
        return p;
    }

    @Override
    public void cancel() {
        Futures.cancel(inner);
    }

    @Override
    public String toString() {
        return "interleavePending(" + inner + ")";
    }
}
