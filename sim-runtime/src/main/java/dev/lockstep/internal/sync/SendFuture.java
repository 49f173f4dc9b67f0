package dev.lockstep.internal.sync;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Unpin;

/**
 * {@code MpscSender#send}: takes a slot of a bounded channel (a FIFO {@link Acquisition}), then
 * queues the message in the same poll. See {@code MpscSender} for the contract.
 */
public final class SendFuture<T> implements Future<Boolean>, Cancellable, Unpin {
    private final MpscChannel<T> channel;
    private final T message;
    /**
     * The wait for a slot of a bounded channel, made only when the first poll finds no free slot
     * (the fast path takes one with {@code tryAcquire}); {@code null} otherwise.
     */
    private Acquisition slot;
    private boolean done;

    public SendFuture(MpscChannel<T> channel, T message) {
        this.channel = channel;
        this.message = message;
        channel.startSend();
    }

    @Override
    public Poll<Boolean> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("MpscSender.send polled after it completed or was cancelled ("
                    + cx.runtime().describe() + ")");
        }
        if (channel.capacity == null) {
            done = true;
            return Poll.ready(channel.finishSend(message));
        }
        if (slot == null) {
            if (channel.capacity.tryAcquire(1)) {
                return finish(FairPermits.GRANTED);
            }
            slot = channel.capacity.acquisition(1);
        }
        int outcome = slot.poll(cx.waker());
        if (outcome == FairPermits.PENDING) {
            return Poll.pending();
        }
        return finish(outcome);
    }

    private Poll<Boolean> finish(int outcome) {
        done = true;
        boolean queued = channel.finishSend(outcome == FairPermits.GRANTED ? message : null);
        if (outcome == FairPermits.GRANTED && !queued) {
            channel.releaseSlot();
        }
        return Poll.ready(queued);
    }

    @Override
    public void cancel() {
        if (done) {
            return;
        }
        done = true;
        if (slot != null) {
            slot.cancel();
        }
        channel.finishSend(null);
    }

    @Override
    public String toString() {
        return "MpscSender.send(" + message + ")" + (done ? " (done)" : slot != null && slot.isWaiting() ? " (waiting)" : "");
    }
}
