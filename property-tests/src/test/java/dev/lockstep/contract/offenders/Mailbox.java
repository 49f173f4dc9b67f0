package dev.lockstep.contract.offenders;

import dev.lockstep.contract.FutureContract;
import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import dev.lockstep.time.Sleep;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A single-consumer mailbox whose {@code take(n)} completes with the next {@code n} messages.
 *
 * <p>The bug (LOST_WAKEUP): {@code take} stores the receiver's waker only the first time it waits
 * (a "registered" flag), but {@code send} takes the stored waker when it wakes it. The second wait
 * stores nothing, so the next message wakes nobody. The fixed twin stores the waker on every
 * {@code Pending}.
 */
public final class Mailbox<T> {
    private final ArrayDeque<T> queue = new ArrayDeque<>();
    private final boolean fixed;
    private Waker receiver;

    Mailbox(boolean fixed) {
        this.fixed = fixed;
    }

    /** The check: a sender posts three messages a millisecond apart; {@code take(3)} gets them in order. */
    public static FutureContract<List<String>> contract(boolean fixed) {
        return FutureContract.of(sim -> {
            Mailbox<String> box = new Mailbox<>(fixed);
            sim.spawn("sender", Sleep.of(Duration.ofMillis(1)).map(v -> box.send("a"))
                    .then(v -> Sleep.of(Duration.ofMillis(1)).map(w -> box.send("b")))
                    .then(v -> Sleep.of(Duration.ofMillis(1)).map(w -> box.send("c"))));
            return box.take(3);
        }).name("take").expect(List.of("a", "b", "c"));
    }

    /** Queues {@code item} and wakes the waiting receiver, if any. */
    boolean send(T item) {
        queue.add(item);
        Waker w = receiver;
        receiver = null;
        if (w != null) {
            w.wake();
        }
        return true;
    }

    /** A future of the next {@code n} messages. */
    Future<List<T>> take(int n) {
        return new Take(n);
    }

    private final class Take implements Future<List<T>>, Cancellable {
        private final int n;
        private final List<T> got = new ArrayList<>();
        /** The bug: set on the first wait and never reset. */
        private boolean registered;

        Take(int n) {
            this.n = n;
        }

        @Override
        public Poll<List<T>> poll(Context cx) {
            while (got.size() < n && !queue.isEmpty()) {
                got.add(queue.poll());
            }
            if (got.size() == n) {
                return Poll.ready(got);
            }
            if (fixed || !registered) {
                receiver = cx.waker();
                registered = true;
            }
            return Poll.pending();
        }

        @Override
        public void cancel() {
            receiver = null;
        }
    }
}
