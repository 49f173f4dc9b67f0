package dev.lockstep.future;

import dev.lockstep.internal.future.Stage;

/**
 * {@link Futures#join(Future, Future)}: waits for both futures and completes with both values.
 *
 * <p>Each poll polls every child that has not completed, first then second, with the poll's own
 * context; a completed child is dropped and never polled again. If a child throws, the other is
 * cancelled (if still incomplete) and the exception propagates.
 */
final class JoinFuture<A, B> implements Future<Both<A, B>>, Cancellable {
    /** The first child until it completes; then {@code null} and its value is in {@link #firstValue}. */
    private Future<A> first;
    /** The second child until it completes; then {@code null} and its value is in {@link #secondValue}. */
    private Future<B> second;
    private A firstValue;
    private B secondValue;
    private Stage stage = Stage.RUNNING;

    JoinFuture(Future<A> first, Future<B> second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public Poll<Both<A, B>> poll(Context cx) {
        if (!stage.isPollable()) {
            throw stage.misuse("join", cx.runtime().describe());
        }
        if (first != null) {
            Poll<A> p;
            try {
                first = cx.runtime().beforeInnerPoll(first);
                p = first.poll(cx);
            } catch (Throwable t) {
                first = null;
                fail(t);
                throw t;
            }
            if (p instanceof Poll.Ready<A> ready) {
                firstValue = ready.value();
                cx.runtime().afterInnerReady(first);
                first = null;
            }
        }
        if (second != null) {
            Poll<B> p;
            try {
                second = cx.runtime().beforeInnerPoll(second);
                p = second.poll(cx);
            } catch (Throwable t) {
                second = null;
                fail(t);
                throw t;
            }
            if (p instanceof Poll.Ready<B> ready) {
                secondValue = ready.value();
                cx.runtime().afterInnerReady(second);
                second = null;
            }
        }
        if (first != null || second != null) {
            return Poll.pending();
        }
        Both<A, B> out = new Both<>(firstValue, secondValue);
        firstValue = null;
        secondValue = null;
        stage = Stage.COMPLETED;
        return Poll.ready(out);
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

    /** A child threw (and was dropped): cancel the one still held, and complete. */
    private void fail(Throwable failure) {
        Future<A> a = first;
        Future<B> b = second;
        drop(Stage.COMPLETED);
        Futures.cancelAfterFailure(failure, a);
        Futures.cancelAfterFailure(failure, b);
    }

    private void drop(Stage next) {
        first = null;
        second = null;
        firstValue = null;
        secondValue = null;
        stage = next;
    }

    @Override
    public String toString() {
        return "join(" + (first != null ? first : "done") + ", " + (second != null ? second : "done") + ")";
    }
}
