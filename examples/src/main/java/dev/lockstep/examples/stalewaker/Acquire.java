package dev.lockstep.examples.stalewaker;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;

/**
 * {@link UploadLimiter#acquire()}: a leaf future that takes a free permit or queues for one.
 *
 * <p>The first poll takes a free permit or joins the queue with the poll's waker. Later polls
 * return the permit once it was granted; until then the fixed variant swaps in the waker of the
 * latest poll, and the buggy one keeps the first (the planted bug).
 */
final class Acquire implements Future<Permit>, Cancellable {
    private final UploadLimiter limiter;
    private final boolean buggy;
    /** Null before the first poll and after completion or cancel; otherwise our place in the queue. */
    private Waiter waiter;
    private boolean done;

    Acquire(UploadLimiter limiter, boolean buggy) {
        this.limiter = limiter;
        this.buggy = buggy;
    }

    @Override
    public Poll<Permit> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("UploadLimiter.acquire() polled after completion or cancel");
        }
        if (waiter == null) {
            Waiter w = new Waiter(cx.waker());
            if (limiter.tryTakeOrEnqueue(w)) {
                return complete();
            }
            waiter = w;
            return Poll.pending();
        }
        if (waiter.granted) {
            return complete();
        }
        if (!buggy && !waiter.waker.willWake(cx.waker())) {
            waiter.waker = cx.waker();
        }
        return Poll.pending();
    }

    @Override
    public void cancel() {
        if (done) {
            return;
        }
        done = true;
        if (waiter != null && waiter.granted) {
            limiter.release();
        } else if (waiter != null) {
            limiter.leave(waiter);
        }
        waiter = null;
    }

    private Poll<Permit> complete() {
        done = true;
        waiter = null;
        return Poll.ready(new Permit(limiter));
    }
}
