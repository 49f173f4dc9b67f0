package dev.lockstep.internal.sync;

import dev.lockstep.future.Context;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;

/**
 * The state an {@code Mpsc} channel's senders and receiver share.
 *
 * <h2>Invariants</h2>
 * Everything below is guarded by this object's monitor (the capacity has its own). A message is
 * in {@link #queue} from the poll that sent it until the poll that received it. For a bounded
 * channel, queued messages plus granted sends never exceed the capacity: a send takes a permit of
 * {@link #capacity} before it queues, a receive gives it back.
 */
public final class MpscChannel<T> {
    /** Messages sent and not yet received, oldest first. */
    private final ArrayDeque<T> queue = new ArrayDeque<>();
    /** Free slots of a bounded channel; {@code null} when unbounded. */
    final FairPermits capacity;
    public final int bound;
    /** Sender handles not closed. */
    private int senders = 1;
    /** Send futures created and neither completed nor cancelled: they keep the channel open. */
    private int sending;
    private boolean receiverClosed;
    /** The token of the receive (future or stream) whose waker is stored; {@code null} if none waits. */
    private Object receiving;
    /** The waker of the latest Pending receive; {@code null} once woken or when none waits. */
    private Waker receiverWaker;

    public MpscChannel(int bound) {
        this.bound = bound;
        this.capacity = bound == Integer.MAX_VALUE ? null : new FairPermits(bound);
    }

    // ---------------------------------------------------------------- senders

    public synchronized void addSender() {
        senders++;
    }

    public void closeSender() {
        Waker w;
        synchronized (this) {
            senders--;
            w = endedLocked() ? takeReceiverWaker() : null;
        }
        wake(w);
    }

    synchronized void startSend() {
        sending++;
    }

    /** Ends a send future: queues {@code message} unless it is {@code null} (not sent); returns whether it is queued. */
    boolean finishSend(T message) {
        Waker w;
        boolean queued;
        synchronized (this) {
            sending--;
            queued = message != null && !receiverClosed;
            if (queued) {
                queue.add(message);
                w = takeReceiverWaker();
            } else {
                w = endedLocked() ? takeReceiverWaker() : null;
            }
        }
        wake(w);
        return queued;
    }

    /** {@link #trySend}: the message is queued. */
    public static final int SENT = 0;
    /** {@link #trySend}: the channel is full. */
    public static final int FULL = 1;
    /** {@link #trySend}: the receiver is closed. */
    public static final int CLOSED = 2;

    /** Queues {@code message} now if there is room: {@link #SENT}, {@link #FULL} or {@link #CLOSED}. */
    public int trySend(T message) {
        Objects.requireNonNull(message, "Mpsc: a message must not be null");
        if (capacity != null && !capacity.tryAcquire(1)) {
            return isReceiverClosed() ? CLOSED : FULL;
        }
        Waker w = null;
        boolean queued;
        synchronized (this) {
            queued = !receiverClosed;
            if (queued) {
                queue.add(message);
                w = takeReceiverWaker();
            }
        }
        if (!queued) {
            releaseSlot();
            return CLOSED;
        }
        wake(w);
        return SENT;
    }

    public synchronized boolean isReceiverClosed() {
        return receiverClosed;
    }

    void releaseSlot() {
        if (capacity != null) {
            capacity.release(1);
        }
    }

    // ---------------------------------------------------------------- receiver

    /** The next message, empty when the channel has ended, or Pending with the waker stored for {@code token}. */
    public Poll<Optional<T>> pollRecv(Object token, Context cx, String what) {
        T item;
        synchronized (this) {
            if (receiving != null && receiving != token) {
                throw new IllegalStateException(what + ": another receive of this channel is waiting; an Mpsc channel"
                        + " has one consumer, so await one recv() (or next()) at a time (" + cx.runtime().describe()
                        + ")");
            }
            item = queue.poll();
            if (item == null) {
                if (endedLocked()) {
                    receiving = null;
                    receiverWaker = null;
                    return Poll.ready(Optional.empty());
                }
                receiving = token;
                receiverWaker = cx.waker();
                return Poll.pending();
            }
            receiving = null;
            receiverWaker = null;
        }
        releaseSlot();
        return Poll.ready(Optional.of(item));
    }

    /** A message now, or empty. */
    public Optional<T> tryRecv() {
        T item;
        synchronized (this) {
            item = queue.poll();
        }
        if (item != null) {
            releaseSlot();
        }
        return Optional.ofNullable(item);
    }

    /** Forgets the waker stored for {@code token}: its receive was cancelled. */
    public synchronized void forget(Object token) {
        if (receiving == token) {
            receiving = null;
            receiverWaker = null;
        }
    }

    /** Closes the receiving side; a receive waiting on the empty queue is woken to end with empty. */
    public void closeReceiver() {
        Waker w;
        synchronized (this) {
            receiverClosed = true;
            w = takeReceiverWaker();
        }
        if (capacity != null) {
            capacity.close();
        }
        wake(w);
    }

    /** Whether no message will ever be received: closed (or every sender gone) and drained. */
    public synchronized boolean isEnded() {
        return queue.isEmpty() && endedLocked();
    }

    public synchronized int size() {
        return queue.size();
    }

    synchronized int senders() {
        return senders;
    }

    private boolean endedLocked() {
        return receiverClosed || (senders == 0 && sending == 0);
    }

    private Waker takeReceiverWaker() {
        Waker w = receiverWaker;
        receiverWaker = null;
        return w;
    }

    private static void wake(Waker w) {
        if (w != null) {
            w.wake();
        }
    }

    @Override
    public synchronized String toString() {
        return "Mpsc[" + queue.size() + (capacity != null ? "/" + bound : "") + " queued, " + senders + " senders"
                + (receiverClosed ? ", receiver closed" : "") + "]";
    }
}
