package dev.lockstep.benchmarks.sync;

import dev.lockstep.future.Context;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;

/**
 * The baseline a user writes by hand: one slot, one stored waker per side, no cancellation, no
 * fairness, no locking. {@link #pollSend} is {@code Pending} while the slot is full;
 * {@link #pollRecv} returns {@code Ready(null)} once closed and empty.
 */
final class OneSlotChannel<T> {
    private T slot;
    private boolean closed;
    private Waker sender;
    private Waker receiver;

    Poll<Void> pollSend(Context cx, T item) {
        if (slot != null) {
            sender = cx.waker();
            return Poll.pending();
        }
        slot = item;
        Waker r = receiver;
        receiver = null;
        if (r != null) {
            r.wake();
        }
        return Poll.ready(null);
    }

    Poll<T> pollRecv(Context cx) {
        T item = slot;
        if (item != null) {
            slot = null;
            Waker s = sender;
            sender = null;
            if (s != null) {
                s.wake();
            }
            return Poll.ready(item);
        }
        if (closed) {
            return Poll.ready(null);
        }
        receiver = cx.waker();
        return Poll.pending();
    }

    void close() {
        closed = true;
        Waker r = receiver;
        receiver = null;
        if (r != null) {
            r.wake();
        }
    }
}
