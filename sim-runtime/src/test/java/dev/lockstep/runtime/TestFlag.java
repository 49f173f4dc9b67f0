package dev.lockstep.runtime;

import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;

/**
 * A one-shot event written as a user would: {@link #set()} wakes the waiter stored by
 * {@link #await()}. With {@code keepFirstWaker} it stores only the first waker it sees and never
 * replaces it (the stale-waker bug); otherwise it stores the waker of every pending poll.
 */
final class TestFlag {
    private final boolean keepFirstWaker;
    private boolean set;
    private Waker waiter;

    TestFlag(boolean keepFirstWaker) {
        this.keepFirstWaker = keepFirstWaker;
    }

    void set() {
        set = true;
        Waker w = waiter;
        waiter = null;
        if (w != null) {
            w.wake();
        }
    }

    Future<Boolean> await() {
        return cx -> {
            if (set) {
                return Poll.ready(true);
            }
            if (!keepFirstWaker || waiter == null) {
                waiter = cx.waker();
            }
            return Poll.pending();
        };
    }
}
