package dev.lockstep.sync;

import dev.lockstep.internal.sync.BroadcastState;

/**
 * A multi-producer, multi-consumer channel in which every receiver sees every message, like
 * tokio's {@code broadcast}: a first {@link BroadcastSender} and a first {@link BroadcastReceiver};
 * {@link BroadcastSender#subscribe()} adds receivers.
 *
 * <h2>Capacity and lag</h2>
 * The channel keeps the last {@code capacity} messages. Sending never waits: a receiver that falls
 * more than {@code capacity} messages behind loses the oldest ones, and its next receive returns
 * {@link Received.Lagged} with exactly how many it missed, then continues with the oldest message
 * still kept. A slow receiver never slows the senders.
 *
 * <h2>Closing</h2>
 * When every sender is closed, each receiver gets the messages still kept for it and then
 * {@link Received.Closed}, at once: a receive never hangs without senders. A send with no receiver
 * open returns 0 and keeps nothing.
 *
 * <h2>Threads</h2>
 * Thread-safe; see {@link Mpsc}.
 *
 * @param sender   the first sender
 * @param receiver the first receiver
 * @param <T>      the message type ({@code null} is not a message)
 */
public record Broadcast<T>(BroadcastSender<T> sender, BroadcastReceiver<T> receiver) {

    /**
     * A channel that keeps the last {@code capacity} messages.
     *
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    public static <T> Broadcast<T> create(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("Broadcast.create: capacity must be >= 1, got " + capacity);
        }
        BroadcastState<T> state = new BroadcastState<>(capacity);
        return new Broadcast<>(new BroadcastSender<>(state), new BroadcastReceiver<>(state, 0));
    }
}
