package dev.lockstep.future;

import dev.lockstep.internal.future.Stage;
import java.util.function.Function;

/**
 * {@link Futures#map(Future, Function)}: applies a function to the inner future's value.
 *
 * <p>The function runs inside the poll in which the inner future completes; its exception is the
 * map's failure.
 */
final class MapFuture<T, U> implements Future<U>, Cancellable {
    /** The inner future until it completes, fails or is cancelled; then {@code null}. */
    private Future<T> inner;
    /** The function, dropped together with the inner future. */
    private Function<? super T, ? extends U> fn;
    private Stage stage = Stage.RUNNING;

    MapFuture(Future<T> inner, Function<? super T, ? extends U> fn) {
        this.inner = inner;
        this.fn = fn;
    }

    @Override
    public Poll<U> poll(Context cx) {
        if (!stage.isPollable()) {
            throw stage.misuse("map", cx.runtime().describe());
        }
        Poll<T> p;
        try {
            inner = cx.runtime().beforeInnerPoll(inner);
            p = inner.poll(cx);
        } catch (Throwable t) {
            drop(Stage.COMPLETED);
            throw t;
        }
        if (p instanceof Poll.Ready<T> ready) {
            cx.runtime().afterInnerReady(inner);
            Function<? super T, ? extends U> f = fn;
            drop(Stage.COMPLETED);
            return Poll.ready(f.apply(ready.value()));
        }
        return Poll.pending();
    }

    @Override
    public void cancel() {
        if (stage == Stage.RUNNING) {
            Future<T> child = inner;
            drop(Stage.CANCELLED);
            Futures.cancel(child);
        }
    }

    private void drop(Stage next) {
        inner = null;
        fn = null;
        stage = next;
    }

    @Override
    public String toString() {
        return "map(" + (inner != null ? inner : stage) + ")";
    }
}
