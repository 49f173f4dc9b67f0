package dev.lockstep.io.sim;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;

/**
 * A wrapper that makes the task poll a future again although nothing it waits for happened:
 * after each {@code Pending} of the inner future, with probability one half (a choice of the
 * run), it wakes the poll's waker at once. A future that forgets to re-check its condition, or
 * that registers its interest twice, is caught by this.
 */
final class SpuriousWakeups<T> implements Future<T>, Cancellable {
    private final Future<T> inner;

    private SpuriousWakeups(Future<T> inner) {
        this.inner = inner;
    }

    static <T> Future<T> of(Future<T> inner) {
        return new SpuriousWakeups<>(inner);
    }

    @Override
    public Poll<T> poll(Context cx) {
        Poll<T> p = inner.poll(cx);
        if (p.isPending() && cx.runtime().choices().chance(0.5)) {
            cx.waker().wakeByRef();
        }
        return p;
    }

    @Override
    public void cancel() {
        Futures.cancel(inner);
    }
}
