package dev.lockstep.future;

import java.util.Objects;
import java.util.function.Function;

/**
 * {@link Futures#pollFn(Function)}: a future whose {@code poll} is a function.
 *
 * <p>The function carries the whole poll contract: it must store {@code cx.waker()} before it
 * returns {@code Pending}. Once it returns {@code Ready} or throws, it is dropped and never called
 * again.
 */
final class PollFnFuture<T> implements Future<T> {
    /** The function until it returns {@code Ready} or throws; then {@code null}. */
    private Function<? super Context, ? extends Poll<T>> fn;
    private Stage stage = Stage.RUNNING;

    PollFnFuture(Function<? super Context, ? extends Poll<T>> fn) {
        this.fn = fn;
    }

    @Override
    public Poll<T> poll(Context cx) {
        stage.checkPollable("pollFn", cx);
        Poll<T> out;
        try {
            out = Objects.requireNonNull(fn.apply(cx),
                    "pollFn: the function returned null instead of Poll.ready(..) or Poll.pending()");
        } catch (Throwable t) {
            finish();
            throw t;
        }
        if (out.isReady()) {
            finish();
        }
        return out;
    }

    private void finish() {
        fn = null;
        stage = Stage.COMPLETED;
    }

    @Override
    public String toString() {
        return "pollFn(" + stage + ")";
    }
}
