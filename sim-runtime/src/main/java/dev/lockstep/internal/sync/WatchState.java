package dev.lockstep.internal.sync;

import dev.lockstep.future.Context;
import dev.lockstep.future.Poll;

/**
 * The value a {@code Watch}'s ends share, with its version (incremented by every send), guarded by
 * its monitor.
 */
public final class WatchState<T> {
    private T value;
    private long version;
    private boolean senderClosed;
    private int receivers = 1;
    /** {@code changed()} futures waiting; all are woken by a send or the sender's close. */
    private final WaiterQueue waiting = new WaiterQueue();

    public WatchState(T initial) {
        this.value = initial;
    }

    public boolean send(T v) {
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

    public void closeSender() {
        WakeList wakes = new WakeList();
        synchronized (this) {
            senderClosed = true;
            for (Waiter w : waiting.drain()) {
                wakes.add(w.serve(0));
            }
        }
        wakes.wakeAll();
    }

    public synchronized T value() {
        return value;
    }

    public synchronized long version() {
        return version;
    }

    synchronized boolean senderClosed() {
        return senderClosed;
    }

    public synchronized long subscribe() {
        receivers++;
        return version;
    }

    public synchronized void unsubscribe() {
        receivers--;
    }

    public synchronized int receivers() {
        return receivers;
    }

    /** {@code changed()} for the receiver that last saw {@code seen}: Ready(true) when a newer version exists (now seen), Ready(false) once closed. */
    public synchronized Poll<Boolean> pollChanged(Cursor seen, Waiter[] slot, Context cx) {
        if (seen.get() != version) {
            seen.set(version);
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

    public synchronized void forget(Waiter[] slot) {
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
