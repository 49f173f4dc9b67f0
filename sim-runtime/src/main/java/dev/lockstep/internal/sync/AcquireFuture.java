package dev.lockstep.internal.sync;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Unpin;
import java.util.function.Supplier;

/**
 * The future behind {@code Semaphore#acquire}, {@code Mutex#lock()} and {@code RwLock}'s
 * {@code read()} and {@code write()}: one {@link Acquisition}, then the guard {@code onGrant}
 * makes. See those methods for the contract.
 */
public final class AcquireFuture<R> implements Future<R>, Cancellable, Unpin {
    private final Acquisition acquisition;
    private final Supplier<R> onGrant;
    /** What it is, such as {@code "Mutex.lock()"}, for messages. */
    private final String what;
    private boolean done;

    public AcquireFuture(Acquisition acquisition, Supplier<R> onGrant, String what) {
        this.acquisition = acquisition;
        this.onGrant = onGrant;
        this.what = what;
    }

    @Override
    public Poll<R> poll(Context cx) {
        if (done) {
            throw new IllegalStateException(what + " polled after it completed or was cancelled ("
                    + cx.runtime().describe() + ")");
        }
        int outcome = acquisition.poll(cx.waker());
        if (outcome == FairPermits.PENDING) {
            return Poll.pending();
        }
        done = true;
        if (outcome != FairPermits.GRANTED) {
            throw new IllegalStateException(what + " ended without a grant (" + cx.runtime().describe() + ")");
        }
        return Poll.ready(onGrant.get());
    }

    @Override
    public void cancel() {
        done = true;
        acquisition.cancel();
    }

    @Override
    public String toString() {
        return what + (done ? " (done)" : acquisition.isWaiting() ? " (waiting)" : "");
    }
}
