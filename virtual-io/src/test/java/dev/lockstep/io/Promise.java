package dev.lockstep.io;

import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import java.util.ArrayList;
import java.util.List;

/** A value set once by one task and awaited by others (a test-only one-shot cell). */
public final class Promise<T> {
    private T value;
    private boolean set;
    private final List<Waker> waiting = new ArrayList<>();

    /** Sets the value and wakes every waiter. */
    public void set(T v) {
        if (set) {
            throw new IllegalStateException("promise already set to " + value);
        }
        value = v;
        set = true;
        for (Waker w : waiting) {
            w.wakeByRef();
        }
        waiting.clear();
    }

    /** A future of the value. */
    public Future<T> get() {
        return cx -> {
            if (set) {
                return Poll.ready(value);
            }
            waiting.add(cx.waker());
            return Poll.pending();
        };
    }
}
