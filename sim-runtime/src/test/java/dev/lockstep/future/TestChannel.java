package dev.lockstep.future;

import java.util.ArrayDeque;

/**
 * An unbounded single-receiver channel written as a user would, for async tests: {@link #recv()}
 * stores the receiver's latest waker, {@link #send} wakes it.
 */
public final class TestChannel<T> {
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private Waker receiver;

    public void send(T item) {
        items.add(item);
        Waker w = receiver;
        receiver = null;
        if (w != null) {
            w.wake();
        }
    }

    /** A future of the next item; cancelling it forgets the stored waker. */
    public Future<T> recv() {
        return new Recv();
    }

    /** Whether a receiver's waker is stored (a pending recv that was not cancelled). */
    public boolean hasWaiter() {
        return receiver != null;
    }

    private final class Recv implements Future<T>, Cancellable {
        @Override
        public Poll<T> poll(Context cx) {
            T item = items.poll();
            if (item != null) {
                return Poll.ready(item);
            }
            receiver = cx.waker();
            return Poll.pending();
        }

        @Override
        public void cancel() {
            receiver = null;
        }
    }
}
