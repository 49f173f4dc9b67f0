package dev.lockstep.stream;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link Streams#buffered}: runs up to {@code n} of the input's futures at once and yields their
 * values in the input's order (futures-rs's {@code buffered}).
 *
 * <h2>Waker</h2>
 * Each poll pulls futures from the input while fewer than {@code n} are in flight, then polls every
 * in-flight future that has not completed with the poll's context, so each stores the latest waker.
 *
 * <h2>Cancellation</h2>
 * {@code cancel()} cancels the in-flight futures and the input. {@link #dropWaker()} forwards to the
 * input only: in-flight futures keep their registrations (with the old waker) until they are polled
 * again or the stream is cancelled.
 */
final class BufferedStream<T> implements Stream<T>, Cancellable {
    private final Stream<? extends Future<? extends T>> inner;
    private final int n;
    /** In input order: futures in flight, each with its value once it completed. */
    private final ArrayDeque<Slot<T>> inFlight = new ArrayDeque<>();
    private boolean innerDone;

    BufferedStream(Stream<? extends Future<? extends T>> inner, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Streams.buffered: n must be >= 1, got " + n);
        }
        this.inner = Objects.requireNonNull(inner, "stream");
        this.n = n;
    }

    @Override
    public Poll<Optional<T>> pollNext(Context cx) {
        while (!innerDone && inFlight.size() < n) {
            Poll<? extends Optional<? extends Future<? extends T>>> p = inner.pollNext(cx);
            if (p.isPending()) {
                break;
            }
            Optional<? extends Future<? extends T>> f = p.value();
            if (f.isEmpty()) {
                innerDone = true;
            } else {
                inFlight.add(new Slot<>(f.get()));
            }
        }
        for (Slot<T> s : inFlight) {
            if (!s.done) {
                Poll<? extends T> p = s.future.poll(cx);
                if (p.isReady()) {
                    s.done = true;
                    s.value = Objects.requireNonNull(p.value(), "Streams.buffered: a future completed with null");
                }
            }
        }
        Slot<T> head = inFlight.peekFirst();
        if (head != null && head.done) {
            inFlight.pollFirst();
            return Poll.ready(Optional.of(head.value));
        }
        return innerDone && inFlight.isEmpty() ? Poll.ready(Optional.empty()) : Poll.pending();
    }

    @Override
    public void dropWaker() {
        inner.dropWaker();
    }

    @Override
    public void cancel() {
        innerDone = true;
        for (Slot<T> s : inFlight) {
            if (!s.done) {
                Futures.cancel(s.future);
            }
        }
        inFlight.clear();
        Streams.cancel(inner);
    }

    @Override
    public String toString() {
        return "buffered(" + inner + ", " + n + ")";
    }

    /** One future in flight and, once it completed, its value. */
    private static final class Slot<T> {
        final Future<? extends T> future;
        boolean done;
        T value;

        Slot(Future<? extends T> future) {
            this.future = future;
        }
    }
}
