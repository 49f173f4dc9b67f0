package dev.lockstep.sync;

import dev.lockstep.future.Context;
import dev.lockstep.future.Poll;
import dev.lockstep.internal.sync.Waiter;
import dev.lockstep.internal.sync.WaiterQueue;
import dev.lockstep.internal.sync.WakeList;

/**
 * The ring a {@link Broadcast} channel's ends share, guarded by its monitor.
 *
 * <h2>Invariants</h2>
 * Message number {@code s} (counting from 0) is in {@code ring[s % capacity]} while
 * {@code s >= tail - capacity}; older ones are overwritten. Each receiver keeps the number of the
 * next message it will read; one below {@code tail - capacity} has lagged.
 */
final class BroadcastState<T> {
    private final Object[] ring;
    /** The number of the next message to send. */
    private long tail;
    private int senders = 1;
    private int receivers = 1;
    /** Receives waiting for a message; all are woken by a send or the last sender's close. */
    private final WaiterQueue waiting = new WaiterQueue();

    BroadcastState(int capacity) {
        this.ring = new Object[capacity];
    }

    int capacity() {
        return ring.length;
    }

    int send(T message) {
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

    synchronized void addSender() {
        senders++;
    }

    void closeSender() {
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
    synchronized long subscribe() {
        receivers++;
        return tail;
    }

    /**
     * Stops counting a receiver and wakes every waiting receive: those of the closed receiver end
     * with {@code Closed}, the others find nothing new and wait again.
     */
    void unsubscribe() {
        WakeList wakes = new WakeList();
        synchronized (this) {
            receivers--;
            for (Waiter w : waiting.drain()) {
                wakes.add(w.serve(0));
            }
        }
        wakes.wakeAll();
    }

    synchronized int receivers() {
        return receivers;
    }

    /**
     * One receive for {@code rx} with its waiter slot {@code slot} (a one-element holder): a result,
     * or Pending with the waker stored in a queued waiter.
     */
    @SuppressWarnings("unchecked")
    synchronized Poll<Received<T>> poll(BroadcastReceiver<T> rx, Waiter[] slot, Context cx) {
        if (rx.isClosed()) {
            return done(slot, new Received.Closed<>());
        }
        long oldest = Math.max(0, tail - ring.length);
        if (rx.next < oldest) {
            long missed = oldest - rx.next;
            rx.next = oldest;
            return done(slot, new Received.Lagged<>(missed));
        }
        if (rx.next < tail) {
            T v = (T) ring[(int) (rx.next % ring.length)];
            rx.next++;
            return done(slot, new Received.Message<>(v));
        }
        if (senders == 0) {
            return done(slot, new Received.Closed<>());
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

    synchronized void forget(Waiter[] slot) {
        Waiter w = slot[0];
        if (w != null) {
            waiting.remove(w);
            w.takeWaker();
            slot[0] = null;
        }
    }

    synchronized long pending(long next) {
        return tail - Math.max(next, Math.max(0, tail - ring.length));
    }

    private Poll<Received<T>> done(Waiter[] slot, Received<T> r) {
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
