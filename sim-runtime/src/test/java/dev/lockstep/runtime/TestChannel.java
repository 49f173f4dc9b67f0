package dev.lockstep.runtime;

import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import java.util.ArrayDeque;

/** An unbounded single-consumer channel written as a user would: stores the receiver's waker. */
final class TestChannel<T> {
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private Waker receiver;
    private final boolean loseWakeup;

    TestChannel(boolean loseWakeup) {
        this.loseWakeup = loseWakeup;
    }

    void send(T item) {
        items.add(item);
        Waker w = receiver;
        receiver = null;
        if (w != null) {
            w.wake();
        }
    }

    Future<T> recv() {
        return cx -> {
            T item = items.poll();
            if (item != null) {
                return Poll.ready(item);
            }
            if (!loseWakeup) {
                receiver = cx.waker();
            }
            return Poll.pending();
        };
    }
}
