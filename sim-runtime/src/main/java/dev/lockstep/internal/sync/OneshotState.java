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
    /** Whether a send found the receiver closed (the sender is then used up). */
    private boolean refused;
    /** The token of the receive whose waker is stored; {@code null} if none waits. */
    private Object receiving;
    /** The waker of the receive's latest {@code Pending}; {@code null} once woken or cancelled. */
    private Waker receiver;

    public boolean send(T v) {
        Waker w;
        synchronized (this) {
            if (sent || senderClosed) {
                throw new IllegalStateException("OneshotSender.send: the sender was already "
                        + (sent ? "used" : refused ? "used (the receiver had refused its value)" : "closed")
                        + "; a oneshot carries one value");
            }
            if (receiverClosed) {
                senderClosed = true;
                refused = true;
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
            receiving = null;   // every receive now ends empty, whichever polls first
        }
        if (w != null) {
            w.wake();
        }
    }

    public synchronized boolean isReceiverClosed() {
        return receiverClosed;
    }

    /** The receive with {@code token}: the value, empty once it will not come, or Pending with the waker stored. */
    public synchronized Poll<Optional<T>> poll(Object token, Context cx) {
        if (receiving != null && receiving != token) {
            throw new IllegalStateException("OneshotReceiver.recv(): another receive of this oneshot is waiting;"
                    + " a oneshot carries one value, so await one recv() at a time (" + cx.runtime().describe() + ")");
        }
        if (sent || senderClosed || receiverClosed) {
            receiving = null;
            receiver = null;
            if (sent && taken) {
                throw new IllegalStateException("OneshotReceiver.recv(): the value was already received; a oneshot"
                        + " carries one value (" + cx.runtime().describe() + ")");
            }
            return Poll.ready(sent ? Optional.of(take()) : Optional.empty());
        }
        receiving = token;
        receiver = cx.waker();
        return Poll.pending();
    }

    public synchronized Optional<T> tryRecv() {
        return sent && !taken ? Optional.of(take()) : Optional.empty();
    }

    /** Forgets the waker stored for {@code token}: its receive was cancelled. */
    public synchronized void forget(Object token) {
        if (receiving == token) {
            receiving = null;
            receiver = null;
        }
    }

    private T take() {
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
