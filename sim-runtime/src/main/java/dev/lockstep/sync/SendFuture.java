package dev.lockstep.sync;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Unpin;
import dev.lockstep.internal.sync.Acquisition;
import dev.lockstep.internal.sync.FairPermits;

/**
 * {@link MpscSender#send}: takes a slot of a bounded channel (a FIFO {@link Acquisition}), then
 * queues the message in the same poll. See {@link MpscSender} for the contract.
 */
final class SendFuture<T> implements Future<Boolean>, Cancellable, Unpin {
    private final MpscChannel<T> channel;
    private final T message;
    /** The wait for a slot; {@code null} when unbounded. */
    private final Acquisition slot;
    private boolean done;

    SendFuture(MpscChannel<T> channel, T message) {
        this.channel = channel;
        this.message = message;
        this.slot = channel.capacity == null ? null : channel.capacity.acquisition(1);
        channel.startSend();
    }

    @Override
    public Poll<Boolean> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("MpscSender.send polled after it completed or was cancelled ("
                    + cx.runtime().describe() + ")");
        }
        if (slot == null) {
            done = true;
            return Poll.ready(channel.finishSend(message));
        }
        int outcome = slot.poll(cx.waker());
        if (outcome == FairPermits.PENDING) {
            return Poll.pending();
        }
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
