package dev.lockstep.io;

import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.sync.Notify;

/**
 * A value set once by one task and awaited by others (a test-only one-shot cell), over
 * {@link Notify#notifyWaiters()}: every {@link #get()} made before the {@link #set} completes
 * with it, and one made after completes at once.
 */
public final class Promise<T> {
    private final Notify notify = new Notify();
    private T value;
    private boolean set;

    /** Sets the value and wakes every waiter. */
    public void set(T v) {
        if (set) {
            throw new IllegalStateException("promise already set to " + value);
        }
        value = v;
        set = true;
        notify.notifyWaiters();
    }

    /** A future of the value. */
    public Future<T> get() {
        return set ? Futures.ready(value) : notify.notified().map(v -> value);
    }
}
