package dev.lockstep.sync;

import dev.lockstep.internal.sync.BroadcastState;
import java.util.Objects;

/**
 * A sending handle of a {@link Broadcast} channel.
 *
 * <h2>Returns</h2>
 * {@link #send} never waits; it returns the number of receivers open at the send (each will see
 * the message unless it lags past it), or 0 when none is open (the message is not kept).
 *
 * <h2>Errors</h2>
 * {@code send} and {@code cloneSender} on a closed handle throw {@link IllegalStateException};
 * {@code subscribe} still works (once every sender is closed, the new receiver gets
 * {@link Received.Closed}). A {@code null} message throws {@link NullPointerException}.
 *
 * @param <T> the message type
 */
public final class BroadcastSender<T> {
    private final BroadcastState<T> state;
    private boolean closed;

    BroadcastSender(BroadcastState<T> state) {
        this.state = state;
    }

    /** Sends {@code message} to every open receiver; see the class comment. */
    public int send(T message) {
        Objects.requireNonNull(message, "BroadcastSender.send: a message must not be null");
        checkOpen("send");
        return state.send(message);
    }

    /** A new receiver that sees the messages sent from now on. */
    public BroadcastReceiver<T> subscribe() {
        return new BroadcastReceiver<>(state, state.subscribe());
    }

    /** Another sending handle. */
    public BroadcastSender<T> cloneSender() {
        checkOpen("cloneSender");
        state.addSender();
        return new BroadcastSender<>(state);
    }

    /** Closes this handle; when the last is closed, receivers end after what is kept. Idempotent. */
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        state.closeSender();
    }

    /** Receivers open now. */
    public int receivers() {
        return state.receivers();
    }

    private synchronized void checkOpen(String op) {
        if (closed) {
            throw new IllegalStateException("BroadcastSender." + op + " on a closed sender handle");
        }
    }

    @Override
    public String toString() {
        return "BroadcastSender[" + state + (closed ? ", closed" : "") + "]";
    }
}
