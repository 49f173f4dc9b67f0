package dev.lockstep.stream;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Poll;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link Streams#merge}: values of two streams as they come. Each poll starts with the stream the
 * previous poll did not start with, so neither starves the other; it ends when both have ended.
 * Both inputs store the poll's waker when both are {@code Pending}.
 */
final class MergeStream<T> implements Stream<T>, Cancellable {
    private final Stream<T> a;
    private final Stream<T> b;
    private boolean aDone;
    private boolean bDone;
    private boolean bFirst;

    MergeStream(Stream<T> a, Stream<T> b) {
        this.a = Objects.requireNonNull(a, "first stream");
        this.b = Objects.requireNonNull(b, "second stream");
    }

    @Override
    public Poll<Optional<T>> pollNext(Context cx) {
        boolean startWithB = bFirst;
        bFirst = !bFirst;
        for (int i = 0; i < 2; i++) {
            boolean useB = (i == 0) == startWithB;
            if (useB ? bDone : aDone) {
                continue;
            }
            Poll<Optional<T>> p = (useB ? b : a).pollNext(cx);
            if (p.isPending()) {
                continue;
            }
            if (p.value().isPresent()) {
                return p;
            }
            if (useB) {
                bDone = true;
            } else {
                aDone = true;
            }
        }
        return aDone && bDone ? Poll.ready(Optional.empty()) : Poll.pending();
    }

    @Override
    public void dropWaker() {
        a.dropWaker();
        b.dropWaker();
    }

    @Override
    public void cancel() {
        aDone = true;
        bDone = true;
        Streams.cancel(a);
        Streams.cancel(b);
    }

    @Override
    public String toString() {
        return "merge(" + a + ", " + b + ")";
    }
}
