package dev.lockstep.future;

/**
 * {@link Futures#fuse(Future)}: a {@link FusedFuture} over any future.
 *
 * <p>Once the inner future returns {@code Ready}, throws, or is cancelled, it is dropped and every
 * further poll returns {@code Pending} without touching the waker. A failure counts as
 * termination: the exception propagates once, and the failed future is never polled again.
 */
final class FuseFuture<T> implements FusedFuture<T>, Cancellable {
    /** The inner future until it terminates; then {@code null}. */
    private Future<T> inner;

    FuseFuture(Future<T> inner) {
        this.inner = inner;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (inner == null) {
            return Poll.pending();
        }
        Poll<T> out;
        try {
            out = inner.poll(cx);
        } catch (Throwable t) {
            inner = null;
            throw t;
        }
        if (out.isReady()) {
            inner = null;
        }
        return out;
    }

    @Override
    public boolean isTerminated() {
        return inner == null;
    }

    @Override
    public void cancel() {
        Future<T> child = inner;
        inner = null;
        Futures.cancel(child);
    }

    @Override
    public String toString() {
        return "fuse(" + (inner != null ? inner : "terminated") + ")";
    }
}
