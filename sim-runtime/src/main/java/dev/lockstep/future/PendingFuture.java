package dev.lockstep.future;

/**
 * {@link Futures#pending()}: never completes.
 *
 * <p>It stores no waker, so a task awaiting only this future is reported by the simulation as
 * blocked forever. Holds nothing, so it is {@link Unpin}.
 */
final class PendingFuture<T> implements Future<T>, Unpin {

    @Override
    public Poll<T> poll(Context cx) {
        return Poll.pending();
    }

    @Override
    public String toString() {
        return "pending";
    }
}
