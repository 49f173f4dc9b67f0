package dev.lockstep.internal.sync;

import dev.lockstep.future.Context;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import java.util.Optional;

/**
 * The state a {@code Oneshot}'s two ends share, guarded by its monitor.
 *
 * <h2>States</h2>
 * Open (nothing sent), then exactly one of: sent ({@link #value} set), sender closed without a
 * value, receiver closed. The value is taken at most once.
 */
public final class OneshotState<T> {
    private T value;
    private boolean sent;
    private boolean senderClosed;
    private boolean receiverClosed;
    private boolean taken;
    /** The waker of the receive's latest {@code Pending}; {@code null} once woken or cancelled. */
    private Waker receiver;

    public boolean send(T v) {
        Waker w;
        synchronized (this) {
            if (sent || senderClosed) {
                throw new IllegalStateException("OneshotSender.send: the sender was already "
                        + (sent ? "used" : "closed") + "; a oneshot carries one value");
            }
            if (receiverClosed) {
                senderClosed = true;
                return false;
            }
            value = v;
            sent = true;
            w = receiver;
            receiver = null;
        }
        if (w != null) {
            w.wake();
        }
        return true;
    }

    public void closeSender() {
        Waker w;
        synchronized (this) {
            if (sent || senderClosed) {
                return;
            }
            senderClosed = true;
            w = receiver;
            receiver = null;
        }
        if (w != null) {
            w.wake();
        }
    }

    /** Refuses the value; a receive waiting for it is woken to end with empty. */
    public void closeReceiver() {
        Waker w;
        synchronized (this) {
            receiverClosed = true;
            w = receiver;
            receiver = null;
        }
        if (w != null) {
            w.wake();
        }
    }

    public synchronized boolean isReceiverClosed() {
        return receiverClosed;
    }

    public synchronized Poll<Optional<T>> poll(Context cx) {
        if (sent) {
            return Poll.ready(Optional.of(take()));
        }
        if (senderClosed || receiverClosed) {
            return Poll.ready(Optional.empty());
        }
        receiver = cx.waker();
        return Poll.pending();
    }

    public synchronized Optional<T> tryRecv() {
        return sent && !taken ? Optional.of(take()) : Optional.empty();
    }

    public synchronized void forget() {
        receiver = null;
    }

    private T take() {
        if (taken) {
            throw new IllegalStateException("OneshotReceiver: the value was already received; a oneshot carries one value");
        }
        taken = true;
        T v = value;
        value = null;
        return v;
    }

    @Override
    public synchronized String toString() {
        return "Oneshot[" + (sent ? taken ? "received" : "sent" : senderClosed ? "sender closed"
                : receiverClosed ? "receiver closed" : "open") + "]";
    }
}
