package dev.lockstep.internal.sync;

import dev.lockstep.future.Context;
import dev.lockstep.future.Poll;

/**
 * The ring a {@code Broadcast} channel's ends share, guarded by its monitor.
 *
 * <h2>Invariants</h2>
 * Message number {@code s} (counting from 0) is in {@code ring[s % capacity]} while
 * {@code s >= tail - capacity}; older ones are overwritten. Each receiver keeps the number of the
 * next message it will read (its {@link Cursor}); one below {@code tail - capacity} has lagged.
 *
 * <h2>Results</h2>
 * A receive's result is built by the {@link Outcomes} the caller passes, so this class knows
 * nothing of the public result type.
 */
public final class BroadcastState<T> {
    /**
     * Builds the result of one receive.
     *
     * @param <T> the message type
     * @param <R> the result type
     */
    public interface Outcomes<T, R> {
        R message(T value);

        R lagged(long missed);

        R closed();
    }

    private final Object[] ring;
    /** The number of the next message to send. */
    private long tail;
    private int senders = 1;
    private int receivers = 1;
    /** Receives waiting for a message; all are woken by a send or the last sender's close. */
    private final WaiterQueue waiting = new WaiterQueue();

    public BroadcastState(int capacity) {
        this.ring = new Object[capacity];
    }

    int capacity() {
        return ring.length;
    }

    public int send(T message) {
        WakeList wakes = new WakeList();
        int n;
        synchronized (this) {
            n = receivers;
            if (n == 0) {
                return 0;
            }
            ring[(int) (tail % ring.length)] = message;
            tail++;
            for (Waiter w : waiting.drain()) {
                wakes.add(w.serve(0));
            }
        }
        wakes.wakeAll();
        return n;
    }

    public synchronized void addSender() {
        senders++;
    }

    public void closeSender() {
        WakeList wakes = new WakeList();
        synchronized (this) {
            if (--senders == 0) {
                for (Waiter w : waiting.drain()) {
                    wakes.add(w.serve(0));
                }
            }
        }
        wakes.wakeAll();
    }

    /** A new receiver's starting point: it sees messages sent from now on. */
    public synchronized long subscribe() {
        receivers++;
        return tail;
    }

    /**
     * Stops counting a receiver and wakes every waiting receive: those of the closed receiver end
     * with {@code Closed}, the others find nothing new and wait again.
     */
    public void unsubscribe() {
        WakeList wakes = new WakeList();
        synchronized (this) {
            receivers--;
            for (Waiter w : waiting.drain()) {
                wakes.add(w.serve(0));
            }
        }
        wakes.wakeAll();
    }

    public synchronized int receivers() {
        return receivers;
    }

    /**
     * One receive by a receiver at {@code at} ({@code closed}: the receiver was closed), with its
     * waiter slot {@code slot} (a one-element holder): a result built by {@code out}, or Pending
     * with the waker stored in a queued waiter.
     */
    @SuppressWarnings("unchecked")
    public synchronized <R> Poll<R> poll(boolean closed, Cursor at, Waiter[] slot, Context cx, Outcomes<T, R> out) {
        if (closed) {
            return done(slot, out.closed());
        }
        long oldest = Math.max(0, tail - ring.length);
        long next = at.get();
        if (next < oldest) {
            at.set(oldest);
            return done(slot, out.lagged(oldest - next));
        }
        if (next < tail) {
            T v = (T) ring[(int) (next % ring.length)];
            at.set(next + 1);
            return done(slot, out.message(v));
        }
        if (senders == 0) {
            return done(slot, out.closed());
        }
        Waiter w = slot[0];
        if (w == null || !w.isQueued()) {
            w = new Waiter(1, cx.waker());
            slot[0] = w;
            waiting.addLast(w);
        } else {
            w.setWaker(cx.waker());
        }
        return Poll.pending();
    }

    public synchronized void forget(Waiter[] slot) {
        Waiter w = slot[0];
        if (w != null) {
            waiting.remove(w);
            w.takeWaker();
            slot[0] = null;
        }
    }

    public synchronized long pending(long next) {
        return tail - Math.max(next, Math.max(0, tail - ring.length));
    }

    private <R> Poll<R> done(Waiter[] slot, R r) {
        Waiter w = slot[0];
        if (w != null) {
            waiting.remove(w);
            w.takeWaker();
            slot[0] = null;
        }
        return Poll.ready(r);
    }

    @Override
    public synchronized String toString() {
        return "Broadcast[" + tail + " sent, capacity " + ring.length + ", " + senders + " senders, " + receivers
                + " receivers]";
    }
}
