package dev.lockstep.sync;

import dev.lockstep.internal.sync.OneshotState;
import java.util.Objects;

/**
 * The sending end of a {@link Oneshot}.
 *
 * <h2>Returns</h2>
 * {@link #send} returns {@code true} when the value is delivered to the receiver (it wakes a
 * waiting receive), {@code false} when the receiver was closed (the value is dropped).
 *
 * <h2>Errors</h2>
 * A second {@code send}, or a send after {@link #close()}, throws {@link IllegalStateException};
 * a {@code null} value throws {@link NullPointerException}.
 *
 * @param <T> the value type
 */
public final class OneshotSender<T> {
    private final OneshotState<T> state;

    OneshotSender(OneshotState<T> state) {
        this.state = state;
    }

    /** Sends {@code value}; see the class comment. Never waits. */
    public boolean send(T value) {
        return state.send(Objects.requireNonNull(value, "OneshotSender.send: the value must not be null"));
    }

    /** Gives up without a value: the receive completes with {@code Optional.empty()}. Idempotent; no effect after a send. */
    public void close() {
        state.closeSender();
    }

    /** Whether the receiver was closed, so that a send would be dropped. */
    public boolean isReceiverClosed() {
        return state.isReceiverClosed();
    }

    @Override
    public String toString() {
        return "OneshotSender[" + state + "]";
    }
}
