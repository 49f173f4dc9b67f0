package dev.lockstep.stream;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Poll;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** {@link Stream#map}: each value through {@code fn}; waker, end and cancellation are the input's. */
final class MapStream<T, U> implements Stream<U>, Cancellable {
    private final Stream<T> inner;
    private final Function<? super T, ? extends U> fn;

    MapStream(Stream<T> inner, Function<? super T, ? extends U> fn) {
        this.inner = Objects.requireNonNull(inner, "stream");
        this.fn = Objects.requireNonNull(fn, "fn");
    }

    @Override
    public Poll<Optional<U>> pollNext(Context cx) {
        Poll<Optional<T>> p = inner.pollNext(cx);
        if (p.isPending()) {
            return Poll.pending();
        }
        return Poll.ready(p.value().map(v -> Objects.requireNonNull(fn.apply(v),
                "Stream.map: the function returned null (a stream value must not be null)")));
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
        return "map(" + inner + ")";
    }
}
