package dev.lockstep.stream;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import java.util.Optional;

/**
 * {@link Stream#next()}: one {@code pollNext}.
 *
 * <h2>After completion</h2>
 * Polling again after {@code Ready} or a cancel throws {@link IllegalStateException}.
 *
 * <h2>Cancellation</h2>
 * Calls the stream's {@link Stream#dropWaker()}; the stream itself stays usable.
 */
final class NextFuture<T> implements Future<Optional<T>>, Cancellable {
    private final Stream<T> stream;
    private boolean done;

    NextFuture(Stream<T> stream) {
        this.stream = stream;
    }

    @Override
    public Poll<Optional<T>> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("next() of " + stream + " polled after it completed or was cancelled ("
                    + cx.runtime().describe() + ")");
        }
        Poll<Optional<T>> p = stream.pollNext(cx);
        done = p.isReady();
        return p;
    }

    @Override
    public void cancel() {
        if (!done) {
            done = true;
            stream.dropWaker();
        }
    }

    @Override
    public String toString() {
        return "next(" + stream + ")";
    }
}
