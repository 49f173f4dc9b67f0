package dev.lockstep.internal.sync;

import dev.lockstep.future.Waker;
import java.util.ArrayList;

/**
 * Wakers taken under a primitive's lock, woken after it is released (so that a waker, which may
 * run executor code, never runs while the lock is held). Wakes in the order added.
 */
public final class WakeList {
    private Waker first;
    private ArrayList<Waker> rest;

    /** Adds {@code w}; {@code null} is ignored. */
    public void add(Waker w) {
        if (w == null) {
            return;
        }
        if (first == null) {
            first = w;
            return;
        }
        if (rest == null) {
            rest = new ArrayList<>(4);
        }
        rest.add(w);
    }

    /** Wakes every waker added, in order, and empties the list. */
    public void wakeAll() {
        Waker w = first;
        first = null;
        if (w != null) {
            w.wake();
        }
        if (rest != null) {
            ArrayList<Waker> more = rest;
            rest = null;
            for (Waker m : more) {
                m.wake();
            }
        }
    }
}
