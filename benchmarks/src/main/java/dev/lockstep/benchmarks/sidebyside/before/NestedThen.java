package dev.lockstep.benchmarks.sidebyside.before;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;
import dev.lockstep.internal.future.Stage;

import java.util.Objects;
import java.util.function.Function;

/**
 * Main's {@code then} before chains became one combinator (unchanged but for its name): runs the future a function returns for the first
 * future's value (flat map).
 *
 * <p>When the first future completes, the function runs and the future it returns is polled in
 * the same poll, so a second future that is ready at once costs no extra wake. At any time the
 * combinator holds at most one child: the first future, then the second.
 */
public final class NestedThen<T, U> implements Future<U>, Cancellable {
    /** The first future until it completes; then {@code null}. */
    private Future<T> first;
    /** The function until it has run; then {@code null}. */
    private Function<? super T, ? extends Future<U>> fn;
    /** {@code null} until the function has run; then the second future until it completes. */
    private Future<U> second;
    private Stage stage = Stage.RUNNING;

    public NestedThen(Future<T> first, Function<? super T, ? extends Future<U>> fn) {
        this.first = first;
        this.fn = fn;
    }

    @Override
    public Poll<U> poll(Context cx) {
        if (!stage.isPollable()) {
            throw stage.misuse("then", cx.runtime().describe());
        }
        try {
            if (first != null) {
                if (!(first.poll(cx) instanceof Poll.Ready<T> ready)) {
                    return Poll.pending();
                }
                first = null;
                Function<? super T, ? extends Future<U>> f = fn;
                fn = null;
                second = Objects.requireNonNull(f.apply(ready.value()),
                        "then: the function returned null instead of a future");
            }
            Poll<U> out = second.poll(cx);
            if (out.isReady()) {
                drop(Stage.COMPLETED);
            }
            return out;
        } catch (Throwable t) {
            // The child that threw has failed and the function is spent: nothing to cancel.
            drop(Stage.COMPLETED);
            throw t;
        }
    }

    @Override
    public void cancel() {
        if (stage == Stage.RUNNING) {
            Future<?> child = first != null ? first : second;
            drop(Stage.CANCELLED);
            Futures.cancel(child);
        }
    }

    private void drop(Stage next) {
        first = null;
        fn = null;
        second = null;
        stage = next;
    }

    @Override
    public String toString() {
        return "then(" + (first != null ? first : second != null ? "-> " + second : stage) + ")";
    }
}
