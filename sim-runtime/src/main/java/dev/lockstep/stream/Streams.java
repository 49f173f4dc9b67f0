package dev.lockstep.stream;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Future;
import dev.lockstep.time.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Factories and combinators of {@link Stream}s that do not fit as default methods.
 *
 * <h2>Threads</h2>
 * The streams made here are not thread-safe: each is polled by one task at a time.
 */
public final class Streams {
    private Streams() {}

    /** A stream of {@code values}, in order, then the end; never {@code Pending}. */
    public static <T> Stream<T> fromIterable(Iterable<? extends T> values) {
        return new IterableStream<>(Objects.requireNonNull(values, "values"));
    }

    /** A stream of {@code values}, in order, then the end. */
    @SafeVarargs
    public static <T> Stream<T> of(T... values) {
        List<T> copy = new ArrayList<>(values.length);
        for (T v : values) {
            copy.add(Objects.requireNonNull(v, "Streams.of: a value is null"));
        }
        return fromIterable(copy);
    }

    /** A stream that ends at once. */
    public static <T> Stream<T> empty() {
        return fromIterable(List.of());
    }

    /**
     * The values of {@code a} and {@code b} as they come: each poll tries first the stream the poll
     * before tried second, so neither starves the other. It ends when both have ended; cancelling it
     * cancels both.
     */
    public static <T> Stream<T> merge(Stream<T> a, Stream<T> b) {
        return new MergeStream<>(a, b);
    }

    /**
     * The values of the futures {@code futures} yields, running up to {@code n} of them at once and
     * yielding their values in the order of the futures (futures-rs's {@code buffered}).
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static <T> Stream<T> buffered(Stream<? extends Future<? extends T>> futures, int n) {
        return new BufferedStream<>(futures, n);
    }

    /**
     * The ticks of {@code interval} as a stream of tick times (runtime nanoseconds); it ends only
     * when cancelled. The interval keeps its own API: ticks taken through either are taken once.
     * Cancelling the stream cancels the interval and ends the stream (it then returns
     * {@code Ready(empty)}); {@code dropWaker()} leaves its timer set (it holds the old waker until
     * the next poll or the cancel).
     */
    public static Stream<Long> ticks(Interval interval) {
        Objects.requireNonNull(interval, "interval");
        return new IntervalStream(interval);
    }

    /**
     * Cancels {@code stream} if it holds resources ({@link Cancellable}); otherwise does nothing.
     *
     * @throws NullPointerException if {@code stream} is {@code null}
     */
    public static void cancel(Stream<?> stream) {
        Objects.requireNonNull(stream, "Streams.cancel: the stream must not be null");
        if (stream instanceof Cancellable c) {
            c.cancel();
        }
    }
}
