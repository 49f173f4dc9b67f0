package dev.lockstep.internal.sync;

import java.util.ArrayList;
import java.util.List;

/**
 * A FIFO queue of {@link Waiter}s, doubly linked through the waiters themselves so that a
 * cancelled waiter leaves in O(1). Not thread-safe: the owning primitive guards it with its lock.
 */
public final class WaiterQueue {
    private Waiter head;
    private Waiter tail;
    private int size;

    /** Appends {@code w}, which must not be in a queue. */
    public void addLast(Waiter w) {
        if (w.owner != null) {
            throw new IllegalStateException(w + " is already queued");
        }
        w.owner = this;
        w.prev = tail;
        w.next = null;
        if (tail == null) {
            head = w;
        } else {
            tail.next = w;
        }
        tail = w;
        size++;
    }

    /** The oldest waiter, or {@code null}. */
    public Waiter peekFirst() {
        return head;
    }

    /** Removes and returns the oldest waiter, or {@code null}. */
    public Waiter pollFirst() {
        Waiter w = head;
        if (w != null) {
            remove(w);
        }
        return w;
    }

    /** Removes {@code w} if it is in this queue; returns whether it was. */
    public boolean remove(Waiter w) {
        if (w.owner != this) {
            return false;
        }
        if (w.prev == null) {
            head = w.next;
        } else {
            w.prev.next = w.next;
        }
        if (w.next == null) {
            tail = w.prev;
        } else {
            w.next.prev = w.prev;
        }
        w.prev = null;
        w.next = null;
        w.owner = null;
        size--;
        return true;
    }

    /** Removes every waiter, oldest first, and returns them. */
    public List<Waiter> drain() {
        List<Waiter> all = new ArrayList<>(size);
        for (Waiter w = pollFirst(); w != null; w = pollFirst()) {
            all.add(w);
        }
        return all;
    }

    /** Whether no waiter is queued. */
    public boolean isEmpty() {
        return head == null;
    }

    /** How many waiters are queued. */
    public int size() {
        return size;
    }
}
