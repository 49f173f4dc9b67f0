package dev.lockstep.future;

import dev.lockstep.internal.future.Stage;

/**
 * {@link Futures#select(Future, Future)}: completes with the value of whichever of two futures
 * completes first, and cancels the other.
 *
 * <h2>Determinism</h2>
 * Which child is polled first is drawn on every poll with {@code cx.runtime().choices().choose(2)}:
 * 0 polls the first argument first (the plain outcome), 1 the second. When both would be ready in
 * the same poll, that draw decides the winner, so the explorer covers both outcomes and a replay
 * reproduces the one seen. The child polled second is not polled at all once the first is ready.
 *
 * <h2>Errors</h2>
 * If a child throws, the other is cancelled and the exception propagates.
 */
final class SelectFuture<A, B> implements Future<Either<A, B>>, Cancellable {
    /** The first child until the select completes or is cancelled; then {@code null}. */
    private Future<A> first;
    /** The second child until the select completes or is cancelled; then {@code null}. */
    private Future<B> second;
    private Stage stage = Stage.RUNNING;

    SelectFuture(Future<A> first, Future<B> second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public Poll<Either<A, B>> poll(Context cx) {
        if (!stage.isPollable()) {
            throw stage.misuse("select", cx.runtime().describe());
        }
        boolean secondFirst = cx.runtime().choices().choose(2) == 1;
        Poll<Either<A, B>> out = secondFirst ? pollSecond(cx) : pollFirst(cx);
        if (out.isPending()) {
            out = secondFirst ? pollFirst(cx) : pollSecond(cx);
        }
        return out;
    }

    private Poll<Either<A, B>> pollFirst(Context cx) {
        Poll<A> p;
        try {
            first = cx.runtime().beforeInnerPoll(first);
            p = first.poll(cx);
        } catch (Throwable t) {
            Future<B> loser = second;
            drop(Stage.COMPLETED);
            Futures.cancelAfterFailure(t, loser);
            throw t;
        }
        if (p instanceof Poll.Ready<A> ready) {
            cx.runtime().afterInnerReady(first);
            Future<B> loser = second;
            drop(Stage.COMPLETED);
            Futures.cancel(loser);
            return Poll.ready(new Either.Left<>(ready.value()));
        }
        return Poll.pending();
    }

    private Poll<Either<A, B>> pollSecond(Context cx) {
        Poll<B> p;
        try {
            second = cx.runtime().beforeInnerPoll(second);
            p = second.poll(cx);
        } catch (Throwable t) {
            Future<A> loser = first;
            drop(Stage.COMPLETED);
            Futures.cancelAfterFailure(t, loser);
            throw t;
        }
        if (p instanceof Poll.Ready<B> ready) {
            cx.runtime().afterInnerReady(second);
            Future<A> loser = first;
            drop(Stage.COMPLETED);
            Futures.cancel(loser);
            return Poll.ready(new Either.Right<>(ready.value()));
        }
        return Poll.pending();
    }

    @Override
    public void cancel() {
        if (stage == Stage.RUNNING) {
            Future<A> a = first;
            Future<B> b = second;
            drop(Stage.CANCELLED);
            Futures.cancel(a);
            Futures.cancel(b);
        }
    }

    private void drop(Stage next) {
        first = null;
        second = null;
        stage = next;
    }

    @Override
    public String toString() {
        return "select(" + (stage == Stage.RUNNING ? first + ", " + second : stage) + ")";
    }
}
