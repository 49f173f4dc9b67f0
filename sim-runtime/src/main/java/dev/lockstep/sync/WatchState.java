package dev.lockstep.sync;

import dev.lockstep.future.Context;
import dev.lockstep.future.Poll;
import dev.lockstep.internal.sync.Waiter;
import dev.lockstep.internal.sync.WaiterQueue;
import dev.lockstep.internal.sync.WakeList;

/**
 * The value a {@link Watch}'s ends share, with its version (incremented by every send), guarded by
 * its monitor.
 */
final class WatchState<T> {
    private T value;
    private long version;
    private boolean senderClosed;
    private int receivers = 1;
    /** {@code changed()} futures waiting; all are woken by a send or the sender's close. */
    private final WaiterQueue waiting = new WaiterQueue();

    WatchState(T initial) {
        this.value = initial;
    }

    boolean send(T v) {
        WakeList wakes = new WakeList();
        boolean anyone;
        synchronized (this) {
            if (senderClosed) {
                throw new IllegalStateException("WatchSender.send after close()");
            }
            value = v;
            version++;
            anyone = receivers > 0;
            for (Waiter w : waiting.drain()) {
                wakes.add(w.serve(0));
            }
        }
        wakes.wakeAll();
        return anyone;
    }

    void closeSender() {
        WakeList wakes = new WakeList();
        synchronized (this) {
            senderClosed = true;
            for (Waiter w : waiting.drain()) {
                wakes.add(w.serve(0));
            }
        }
        wakes.wakeAll();
    }

    synchronized T value() {
        return value;
    }

    synchronized long version() {
        return version;
    }

    synchronized boolean senderClosed() {
        return senderClosed;
    }

    synchronized long subscribe() {
        receivers++;
        return version;
    }

    synchronized void unsubscribe() {
        receivers--;
    }

    synchronized int receivers() {
        return receivers;
    }

    /** {@code changed()} for {@code rx}: Ready(true) when a newer version exists (now seen), Ready(false) once closed. */
    synchronized Poll<Boolean> pollChanged(WatchReceiver<T> rx, Waiter[] slot, Context cx) {
        if (rx.seen != version) {
            rx.seen = version;
            forgetLocked(slot);
            return Poll.ready(true);
        }
        if (senderClosed) {
            forgetLocked(slot);
            return Poll.ready(false);
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
        forgetLocked(slot);
    }

    private void forgetLocked(Waiter[] slot) {
        Waiter w = slot[0];
        if (w != null) {
            waiting.remove(w);
            w.takeWaker();
            slot[0] = null;
        }
    }

    @Override
    public synchronized String toString() {
        return "Watch[version " + version + ", " + receivers + " receivers" + (senderClosed ? ", closed" : "") + "]";
    }
}
