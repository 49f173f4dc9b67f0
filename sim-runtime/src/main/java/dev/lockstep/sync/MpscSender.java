package dev.lockstep.sync;

import dev.lockstep.future.Future;
import dev.lockstep.internal.sync.MpscChannel;
import dev.lockstep.internal.sync.SendFuture;
import java.util.Objects;

/**
 * A producer's handle to an {@link Mpsc} channel.
 *
 * <h2>Returns</h2>
 * {@link #send} is a future of {@code true} once the message is queued, or {@code false} if the
 * receiver is closed (the message was not sent). On a bounded channel it is {@code Pending} while
 * the channel is full or older sends wait. {@link #trySend} sends now or says why not.
 *
 * <h2>Waker</h2>
 * A waiting send stores the waker of its latest poll in the channel's FIFO of senders; a receive
 * that frees a slot wakes exactly the send it granted the slot to.
 *
 * <h2>Cancellation</h2>
 * A cancelled send sends nothing and leaves the queue of waiting senders; a slot it had been
 * granted but not used goes to the next waiting send. The caller still has the message.
 *
 * <h2>After completion</h2>
 * A send future completes once; polling it again throws {@link IllegalStateException}.
 *
 * <h2>Closing</h2>
 * {@link #close()} closes this handle (idempotent); the channel ends once every handle is closed
 * and no send future is pending. A send future made before the close still completes.
 *
 * <h2>Errors</h2>
 * {@code send}, {@code trySend} and {@code cloneSender} on a closed handle throw
 * {@link IllegalStateException}; a {@code null} message throws {@link NullPointerException}.
 *
 * <h2>Determinism</h2>
 * Which waiter is served follows the order of polls and calls, which a simulation draws from the
 * run's choices; nothing here reads time or randomness.
 *
 * <h2>Threads</h2>
 * See {@link Mpsc}: thread-safe; each handle is meant for one producer.
 *
 * @param <T> the message type
 */
public final class MpscSender<T> {
    private final MpscChannel<T> channel;
    private boolean closed;

    MpscSender(MpscChannel<T> channel) {
        this.channel = channel;
    }

    /** A future that queues {@code message}, waiting for a slot on a bounded channel; see the class comment. */
    public Future<Boolean> send(T message) {
        Objects.requireNonNull(message, "MpscSender.send: a message must not be null");
        checkOpen("send");
        return new SendFuture<>(channel, message);
    }

    /** Queues {@code message} now if the channel has room and the receiver is open. */
    public TrySend trySend(T message) {
        checkOpen("trySend");
        return switch (channel.trySend(message)) {
            case MpscChannel.SENT -> TrySend.SENT;
            case MpscChannel.FULL -> TrySend.FULL;
            default -> TrySend.CLOSED;
        };
    }

    /** Another handle to the same channel, for another producer. */
    public MpscSender<T> cloneSender() {
        checkOpen("cloneSender");
        channel.addSender();
        return new MpscSender<>(channel);
    }

    /** Closes this handle; see the class comment. Idempotent. */
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        channel.closeSender();
    }

    /** Whether the receiver is closed, so that nothing sent will be received. */
    public boolean isReceiverClosed() {
        return channel.isReceiverClosed();
    }

    /** The channel's capacity, or {@link Integer#MAX_VALUE} when unbounded. */
    public int capacity() {
        return channel.bound;
    }

    private synchronized void checkOpen(String op) {
        if (closed) {
            throw new IllegalStateException("MpscSender." + op + " on a closed sender handle");
        }
    }

    @Override
    public String toString() {
        return "MpscSender[" + channel + (closed ? ", closed" : "") + "]";
    }
}
