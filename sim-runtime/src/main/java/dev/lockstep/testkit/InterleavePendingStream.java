package dev.lockstep.testkit;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Poll;
import dev.lockstep.stream.Stream;
import dev.lockstep.stream.Streams;
import java.util.Optional;

/** {@link TestStreams#interleavePending}: a fake {@code Pending} (after a wake) before each real poll. */
final class InterleavePendingStream<T> implements Stream<T>, Cancellable {
    private final Stream<T> inner;
    private boolean fakeNext = true;

    InterleavePendingStream(Stream<T> inner) {
        this.inner = inner;
    }

    @Override
    public Poll<Optional<T>> pollNext(Context cx) {
        if (fakeNext) {
            fakeNext = false;
            cx.waker().wakeByRef();
            return Poll.pending();
        }
        fakeNext = true;
        return inner.pollNext(cx);
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
        return "interleavePending(" + inner + ")";
    }
}
