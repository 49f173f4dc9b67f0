package dev.lockstep.stream;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Poll;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@link Stream#filter}: the values that match. A poll skips non-matching values until it finds
 * one, the end, or {@code Pending} (so the input's waker is the one stored).
 */
final class FilterStream<T> implements Stream<T>, Cancellable {
    private final Stream<T> inner;
    private final Predicate<? super T> keep;

    FilterStream(Stream<T> inner, Predicate<? super T> keep) {
        this.inner = Objects.requireNonNull(inner, "stream");
        this.keep = Objects.requireNonNull(keep, "keep");
    }

    @Override
    public Poll<Optional<T>> pollNext(Context cx) {
        while (true) {
            Poll<Optional<T>> p = inner.pollNext(cx);
            if (p.isPending() || p.value().isEmpty() || keep.test(p.value().get())) {
                return p;
            }
        }
    }

    @Override
    public void dropWaker() {
        inner.dropWaker();
    }

    @Override
    public void cancel() {
        Streams.cancel(inner);
    }

    @Override
    public String toString() {
        return "filter(" + inner + ")";
    }
}
