package dev.lockstep.sync;

import dev.lockstep.internal.sync.WatchState;
import java.util.Objects;

/**
 * The sending end of a {@link Watch}.
 *
 * <h2>Returns</h2>
 * {@link #send} never waits: it replaces the value, wakes every waiting {@code changed()}, and
 * returns whether any receiver is open. Unlike tokio's {@code send}, the value is stored even when
 * no receiver is open (as tokio's {@code send_replace}), so {@link #borrow()} and later
 * subscribers see it.
 *
 * <h2>Errors</h2>
 * A send after {@link #close()} throws {@link IllegalStateException}; {@code null} throws
 * {@link NullPointerException}.
 *
 * @param <T> the value type
 */
public final class WatchSender<T> {
    private final WatchState<T> state;

    WatchSender(WatchState<T> state) {
        this.state = state;
    }

    /** Replaces the value; see the class comment. */
    public boolean send(T value) {
        return state.send(Objects.requireNonNull(value, "WatchSender.send: the value must not be null"));
    }

    /** The current value. */
    public T borrow() {
        return state.value();
    }

    /** A new receiver that has seen the current value. */
    public WatchReceiver<T> subscribe() {
        return new WatchReceiver<>(state, state.subscribe());
    }

    /** Receivers open now. */
    public int receivers() {
        return state.receivers();
    }

    /** Closes the channel: receivers see their last unseen version, then {@code changed()} is {@code false}. Idempotent. */
    public void close() {
        state.closeSender();
    }

    @Override
    public String toString() {
        return "WatchSender[" + state + "]";
    }
}
