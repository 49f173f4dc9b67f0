package dev.lockstep.sync;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Unpin;
import dev.lockstep.internal.sync.Cursor;
import dev.lockstep.internal.sync.Waiter;
import dev.lockstep.internal.sync.WatchState;

/**
 * A receiving end of a {@link Watch}: reads the latest value and waits for a newer one.
 *
 * <h2>Returns</h2>
 * {@link #changed()} is a future of {@code true} once a version newer than the last one this
 * receiver saw exists (it is then marked seen), or of {@code false} once the sender is closed and
 * no unseen version is left. {@link #borrow()} reads the value without marking it seen,
 * {@link #borrowAndUpdate()} marks it seen.
 *
 * <h2>Waker</h2>
 * A waiting {@code changed()} stores the waker of its latest poll; every send wakes all waiting
 * {@code changed()} futures.
 *
 * <h2>Cancellation</h2>
 * A cancelled {@code changed()} loses nothing: a version is marked seen only in a poll that returns
 * {@code true}; its waiting slot is removed.
 *
 * <h2>After completion</h2>
 * A changed future completes once; polling it again throws {@link IllegalStateException}.
 *
 * <h2>Errors</h2>
 * {@link IllegalStateException} for a poll after completion; the sender's close is a result
 * ({@code false}), not an error.
 *
 * <h2>Determinism</h2>
 * Which waiter is served follows the order of polls and calls, which a simulation draws from the
 * run's choices; nothing here reads time or randomness.
 *
 * <h2>Threads</h2>
 * Thread-safe; one task at a time uses a receiver.
 *
 * @param <T> the value type
 */
public final class WatchReceiver<T> {
    private final WatchState<T> state;
    /** The version last seen; guarded by the state's monitor. */
    private final Cursor seen;
    private boolean closed;

    WatchReceiver(WatchState<T> state, long seen) {
        this.state = state;
        this.seen = new Cursor(seen);
    }

    /** The current value, without marking it seen. */
    public T borrow() {
        return state.value();
    }

    /** The current value, marked seen. */
    public T borrowAndUpdate() {
        synchronized (state) {
            seen.set(state.version());
            return state.value();
        }
    }

    /** Whether a version newer than the last one seen exists. */
    public boolean hasChanged() {
        synchronized (state) {
            return seen.get() != state.version();
        }
    }

    /** A future of the next change; see the class comment. */
    public Future<Boolean> changed() {
        return new Changed();
    }

    /** Another receiver that has seen what this one has. */
    public WatchReceiver<T> cloneReceiver() {
        synchronized (state) {
            state.subscribe();
            return new WatchReceiver<>(state, seen.get());
        }
    }

    /** Unsubscribes (the sender stops counting it). Idempotent. */
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        state.unsubscribe();
    }

    @Override
    public String toString() {
        return "WatchReceiver[seen " + seen + ", " + state + "]";
    }

    private final class Changed implements Future<Boolean>, Cancellable, Unpin {
        private final Waiter[] slot = new Waiter[1];
        private boolean done;

        @Override
        public Poll<Boolean> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("WatchReceiver.changed() polled after it completed or was cancelled ("
                        + cx.runtime().describe() + ")");
            }
            Poll<Boolean> p = state.pollChanged(seen, slot, cx);
            done = p.isReady();
            return p;
        }

        @Override
        public void cancel() {
            if (!done) {
                done = true;
                state.forget(slot);
            }
        }

        @Override
        public String toString() {
            return "WatchReceiver.changed()" + (done ? " (done)" : "");
        }
    }
}
