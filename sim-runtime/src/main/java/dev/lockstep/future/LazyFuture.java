package dev.lockstep.future;

import java.util.function.Supplier;

/**
 * {@link Futures#lazy(Supplier)}: computes its value on its first poll, never before.
 *
 * <p>The supplier runs inside the poll, so it sees the polling task's runtime and may read its
 * clock; an exception it throws is the future's failure. Holds no child, so it is {@link Unpin}.
 */
final class LazyFuture<T> implements Future<T>, Unpin {
    /** The supplier until the first poll runs it; then {@code null}. */
    private Supplier<? extends T> supplier;
    private Stage stage = Stage.RUNNING;

    LazyFuture(Supplier<? extends T> supplier) {
        this.supplier = supplier;
    }

    @Override
    public Poll<T> poll(Context cx) {
        stage.checkPollable("lazy", cx);
        // Completed before running the supplier: if it throws, the future has failed and a
        // second poll is misuse rather than a second run of the supplier.
        stage = Stage.COMPLETED;
        Supplier<? extends T> s = supplier;
        supplier = null;
        return Poll.ready(s.get());
    }

    @Override
    public String toString() {
        return "lazy(" + stage + ")";
    }
}
