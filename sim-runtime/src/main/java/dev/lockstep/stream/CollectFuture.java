package dev.lockstep.stream;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link Stream#collect()}: polls until the end and completes with every value in order.
 *
 * <h2>Cancellation</h2>
 * Cancels the stream ({@link Streams#cancel}); the values gathered so far are dropped.
 */
final class CollectFuture<T> implements Future<List<T>>, Cancellable {
    private final Stream<T> stream;
    private final List<T> values = new ArrayList<>();
    private boolean done;

    CollectFuture(Stream<T> stream) {
        this.stream = stream;
    }

    @Override
    public Poll<List<T>> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("collect() of " + stream + " polled after it completed or was cancelled ("
                    + cx.runtime().describe() + ")");
        }
        while (true) {
            Poll<Optional<T>> p = stream.pollNext(cx);
            if (p.isPending()) {
                return Poll.pending();
            }
            Optional<T> v = p.value();
            if (v.isEmpty()) {
                done = true;
                return Poll.ready(List.copyOf(values));
            }
            values.add(v.get());
        }
    }

    @Override
    public void cancel() {
        if (!done) {
            done = true;
            Streams.cancel(stream);
        }
    }

    @Override
    public String toString() {
        return "collect(" + stream + ")";
    }
}
