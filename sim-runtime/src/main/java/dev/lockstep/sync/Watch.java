package dev.lockstep.sync;

import dev.lockstep.internal.sync.WatchState;
import java.util.Objects;

/**
 * A single-producer, multi-consumer channel that keeps only the latest value, like tokio's
 * {@code watch}: a {@link WatchSender} and a first {@link WatchReceiver}.
 *
 * <pre>{@code
 * Watch<Config> config = Watch.create(initial);
 * while (a.await(config.receiver().changed())) {     // false once the sender is closed
 *     apply(config.receiver().borrowAndUpdate());
 * }
 * }</pre>
 *
 * <h2>Semantics</h2>
 * Every send replaces the value and makes a new version. A receiver remembers the version it last
 * saw; {@code changed()} completes when a newer one exists and marks it seen, so a receiver may
 * skip intermediate values but always ends up seeing the last one.
 *
 * <h2>Closing</h2>
 * After {@link WatchSender#close()}, {@code changed()} returns {@code true} once more if an unseen
 * version is left, then {@code false} at once: it never hangs without a sender. The value stays
 * readable.
 *
 * <h2>Threads</h2>
 * Thread-safe; see {@link Mpsc}.
 *
 * @param sender   the sender
 * @param receiver the first receiver (it has seen the initial value)
 * @param <T>      the value type
 */
public record Watch<T>(WatchSender<T> sender, WatchReceiver<T> receiver) {

    /** A channel holding {@code initial} (which must not be {@code null}). */
    public static <T> Watch<T> create(T initial) {
        WatchState<T> state = new WatchState<>(Objects.requireNonNull(initial, "Watch.create: initial value"));
        return new Watch<>(new WatchSender<>(state), new WatchReceiver<>(state, 0));
    }
}
