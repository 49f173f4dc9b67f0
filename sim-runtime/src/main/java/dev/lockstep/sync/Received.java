package dev.lockstep.sync;

import java.util.Objects;

/**
 * What one receive of a {@link BroadcastReceiver} got: a message, how many messages it missed, or
 * the end of the channel.
 *
 * @param <T> the message type
 */
public sealed interface Received<T> permits Received.Message, Received.Lagged, Received.Closed {

    /** The next message. */
    record Message<T>(T value) implements Received<T> {
        public Message {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The receiver fell behind: {@code missed} messages were overwritten before it read them. The
     * next receive returns the oldest message still held.
     */
    record Lagged<T>(long missed) implements Received<T> {
        public Lagged {
            if (missed < 1) {
                throw new IllegalArgumentException("missed must be >= 1, got " + missed);
            }
        }
    }

    /**
     * No message will come: every sender is closed and this receiver has read everything kept for
     * it, or this receiver was {@linkplain BroadcastReceiver#close() closed}.
     */
    record Closed<T>() implements Received<T> {}
}
