package com.example.metered;

import dev.lockstep.future.Context;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;

/**
 * A one-slot single-producer, single-consumer channel of stamped items, written as a user writes
 * one: each side stores its waker when it must wait, and the other side wakes it.
 *
 * <h2>Returns</h2>
 * {@link #pollSend} is {@code Ready} once the item is in the slot, {@code Pending} while the slot
 * is full. {@link #pollRecv} is {@code Ready(item)}, {@code Ready(null)} once the channel is
 * closed and drained, or {@code Pending} while it is empty.
 *
 * <h2>Waker</h2>
 * Only the latest waker of each side is kept; it is woken (and forgotten) when the other side
 * makes room or sends.
 */
final class MeteredChannel {
    /** An item and when it was sent. */
    record Item(int value, long sentNanos, long sentMillis) {}

    private Item slot;
    private boolean closed;
    private Waker sender;
    private Waker receiver;

    /** Puts {@code item} in the slot if it is free; otherwise stores the sender's waker. */
    Poll<Void> pollSend(Context cx, Item item) {
        if (slot != null) {
            sender = cx.waker();
            return Poll.pending();
        }
        slot = item;
        receiver = wake(receiver);
        return Poll.ready(null);
    }

    /** Takes the item in the slot; {@code null} when closed and drained. */
    Poll<Item> pollRecv(Context cx) {
        Item item = slot;
        if (item != null) {
            slot = null;
            sender = wake(sender);
            return Poll.ready(item);
        }
        if (closed) {
            return Poll.ready(null);
        }
        receiver = cx.waker();
        return Poll.pending();
    }

    /** No more items will be sent; wakes a waiting receiver. */
    void close() {
        closed = true;
        receiver = wake(receiver);
    }

    private static Waker wake(Waker w) {
        if (w != null) {
            w.wake();
        }
        return null;
    }
}
