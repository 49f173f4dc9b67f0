package dev.lockstep.stream;

import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A sequence of values that become available later, computed by being polled: the
 * {@link Future} model for many values (futures-rs's {@code Stream}).
 *
 * <h2>Returns</h2>
 * {@link #pollNext(Context)} returns
 * <ul>
 *   <li>{@code Ready(Optional.of(value))}: the next value;
 *   <li>{@code Ready(Optional.empty())}: the stream has ended;
 *   <li>{@code Pending}: no value yet, with the waker of <em>this</em> call arranged to be woken
 *       when there may be one (as {@link Future#poll} does).
 * </ul>
 *
 * <h2>Waker</h2>
 * Only the latest poll's waker must be woken; a poll without a wake must re-check and may return
 * {@code Pending} again.
 *
 * <h2>After the end</h2>
 * Polling after {@code Ready(empty)} is unspecified unless the stream says otherwise; the streams
 * of this package and the channel receivers keep returning {@code Ready(empty)}.
 *
 * <h2>Cancellation</h2>
 * A stream that holds resources implements {@link dev.lockstep.future.Cancellable}; its
 * {@code cancel()} ends it and releases every registration ({@link Streams#cancel}). Cancelling
 * one {@link #next()} does not end the stream: it calls {@link #dropWaker()}, which forgets the
 * waker the last {@code Pending} left with the stream's sources, so that no registration of the
 * cancelled task remains, and the stream can be polled again later.
 *
 * <h2>Determinism, Threads</h2>
 * As {@link Future}: {@code pollNext} never blocks and reads neither real time nor real randomness;
 * a stream is polled by one task at a time.
 *
 * @param <T> the type of the values
 */
@FunctionalInterface
public interface Stream<T> {

    /** Polls for the next value; see the class comment. */
    Poll<Optional<T>> pollNext(Context cx);

    /**
     * Forgets the waker the latest {@code Pending} {@link #pollNext} stored, without ending the
     * stream; see the class comment. The default does nothing: right for a stream that stores no
     * waker itself. Sources that store one override it; combinators forward it to their inputs.
     */
    default void dropWaker() {}

    /** A future of the next value, or of empty at the end; cancelling it calls {@link #dropWaker()}. */
    default Future<Optional<T>> next() {
        return new NextFuture<>(this);
    }

    /** A future of every remaining value, in order, once the stream ends; cancelling it cancels the stream. */
    default Future<List<T>> collect() {
        return new CollectFuture<>(this);
    }

    /** The values of this stream passed through {@code fn}. */
    default <U> Stream<U> map(Function<? super T, ? extends U> fn) {
        return new MapStream<>(this, fn);
    }

    /** The values of this stream that match {@code keep}. */
    default Stream<T> filter(Predicate<? super T> keep) {
        return new FilterStream<>(this, keep);
    }

    /**
     * The first {@code n} values of this stream; it ends after them, leaving this stream open (so a
     * receiver can be read on afterwards); cancelling it cancels this stream.
     */
    default Stream<T> take(long n) {
        return new TakeStream<>(this, n);
    }

    /** The values of this stream and {@code other} as they come; see {@link Streams#merge}. */
    default Stream<T> mergeWith(Stream<T> other) {
        return Streams.merge(this, other);
    }
}
