package dev.lockstep.contract.offenders;

import dev.lockstep.contract.FutureContract;
import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.FusedFuture;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import dev.lockstep.time.Sleep;
import java.time.Duration;

/**
 * A one-shot channel: one value, sent once, received by a {@link FusedFuture} so that it can sit in
 * a select loop.
 *
 * <p>The bug (NOT_FUSED): the receiver looks at the slot before its "done" flag and never clears
 * the slot, so polled again after {@code Ready} it returns the value a second time. The fixed twin
 * checks the flag first.
 */
public final class Oneshot<T> {
    private final boolean fixed;
    private T slot;
    private Waker receiver;

    Oneshot(boolean fixed) {
        this.fixed = fixed;
    }

    /** The check: a sender sends 42 after 1 ms; the receiver completes with it. */
    public static FutureContract<Integer> contract(boolean fixed) {
        return FutureContract.of(sim -> {
            Oneshot<Integer> channel = new Oneshot<>(fixed);
            sim.spawn("sender", Sleep.of(Duration.ofMillis(1)).map(v -> channel.send(42)));
            return channel.receiver();
        }).name("recv").expect(42);
    }

    /** Puts {@code value} in the slot and wakes the receiver. */
    boolean send(T value) {
        slot = value;
        Waker w = receiver;
        receiver = null;
        if (w != null) {
            w.wake();
        }
        return true;
    }

    /** The receiving end. */
    FusedFuture<T> receiver() {
        return new Receiver();
    }

    private final class Receiver implements FusedFuture<T>, Cancellable {
        private boolean done;

        @Override
        public Poll<T> poll(Context cx) {
            if (fixed && done) {
                return Poll.pending();
            }
            if (slot != null) {
                done = true;
                return Poll.ready(slot);
            }
            if (done) {
                return Poll.pending();
            }
            receiver = cx.waker();
            return Poll.pending();
        }

        @Override
        public boolean isTerminated() {
            return done;
        }

        @Override
        public void cancel() {
            done = true;
            receiver = null;
        }
    }
}
