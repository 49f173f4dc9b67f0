package dev.lockstep.stream;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Poll;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link Stream#take}: the first {@code n} values. After the {@code n}-th this stream returns
 * {@code Ready(empty)} for ever and polls the input no more; the input is told to
 * {@linkplain Stream#dropWaker() drop its waker} but is not ended, so it can be polled again (a
 * channel receiver stays open). Cancelling this stream cancels the input.
 */
final class TakeStream<T> implements Stream<T>, Cancellable {
    private final Stream<T> inner;
    private long left;

    TakeStream(Stream<T> inner, long n) {
        if (n < 0) {
            throw new IllegalArgumentException("Stream.take: n must be >= 0, got " + n);
        }
        this.inner = Objects.requireNonNull(inner, "stream");
        this.left = n;
    }

    @Override
    public Poll<Optional<T>> pollNext(Context cx) {
        if (left == 0) {
            return Poll.ready(Optional.empty());
        }
        Poll<Optional<T>> p = inner.pollNext(cx);
        if (p.isReady()) {
            if (p.value().isEmpty()) {
                left = 0;
            } else if (--left == 0) {
                inner.dropWaker();
            }
        }
        return p;
    }

    @Override
    public void dropWaker() {
        inner.dropWaker();
    }

    @Override
    public void cancel() {
        left = 0;
        Streams.cancel(inner);
    }

    @Override
    public String toString() {
        return "take(" + inner + ", " + left + " left)";
    }
}
