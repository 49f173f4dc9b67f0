package dev.lockstep.benchmarks.runs;

import dev.lockstep.future.Context;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import java.util.ArrayDeque;

/**
 * A bounded single-producer, single-consumer channel written as a user writes one: each side
 * stores its waker when it must wait, and the other side wakes it.
 *
 * <h2>Returns</h2>
 * {@link #pollSend} is {@code Ready} once the item is queued, {@code Pending} while the channel is
 * full. {@link #pollRecv} is {@code Ready(item)}, {@code Ready(null)} once the channel is closed
 * and drained, or {@code Pending} while it is empty.
 *
 * <h2>Waker</h2>
 * Only the latest waker of each side is kept; it is woken (and forgotten) when the other side
 * makes room or sends.
 */
final class Channel<T> {
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final int capacity;
    private boolean closed;
    private Waker sender;
    private Waker receiver;

    Channel(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("channel capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Queues {@code item} if there is room; otherwise stores the sender's waker. */
    Poll<Void> pollSend(Context cx, T item) {
        if (items.size() >= capacity) {
            sender = cx.waker();
            return Poll.pending();
        }
        items.add(item);
        receiver = wake(receiver);
        return Poll.ready(null);
    }

    /** Takes the oldest item; {@code null} when closed and drained. */
    Poll<T> pollRecv(Context cx) {
        T item = items.poll();
        if (item != null) {
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
