package dev.lockstep.testkit;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;

/**
 * {@link TestFutures#interleavePending(Future)}: alternates a fake {@code Pending} (after waking)
 * with a real poll of the inner future, starting with the fake one.
 */
final class InterleavePendingFuture<T> implements Future<T>, Cancellable {
    private final Future<T> inner;
    /** Whether the next poll is a fake {@code Pending}. */
    private boolean fakeNext = true;

    InterleavePendingFuture(Future<T> inner) {
        this.inner = inner;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (fakeNext) {
            fakeNext = false;
            cx.waker().wakeByRef();
            return Poll.pending();
        }
        fakeNext = true;
        return inner.poll(cx);
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
