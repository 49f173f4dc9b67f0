package dev.lockstep.stream;

import dev.lockstep.future.Context;
import dev.lockstep.future.Poll;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;

/** {@link Streams#fromIterable}: ready values in order, then the end; it holds no registration. */
final class IterableStream<T> implements Stream<T> {
    private final Iterable<? extends T> values;
    private Iterator<? extends T> it;

    IterableStream(Iterable<? extends T> values) {
        this.values = values;
    }

    @Override
    public Poll<Optional<T>> pollNext(Context cx) {
        if (it == null) {
            it = values.iterator();
        }
        if (!it.hasNext()) {
            return Poll.ready(Optional.empty());
        }
        return Poll.ready(Optional.of(Objects.requireNonNull(it.next(), "Streams.fromIterable: a value is null")));
    }

    @Override
    public String toString() {
        return "stream(" + values + ")";
    }
}
