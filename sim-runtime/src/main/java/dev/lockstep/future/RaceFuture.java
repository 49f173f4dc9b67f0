package dev.lockstep.future;

import dev.lockstep.internal.future.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Futures#race(List)}: completes with the value of whichever future completes first, and
 * cancels all the others.
 *
 * <h2>Determinism</h2>
 * Each poll starts at index {@code cx.runtime().choices().choose(n)} and goes round the list from
 * there (0 is input order, the plain outcome); a race of one future draws nothing. When several
 * children would be ready in the same poll, that draw decides the winner. Children after the
 * winner in that order are not polled.
 *
 * <h2>Errors</h2>
 * If a child throws, every other child is cancelled and the exception propagates.
 */
final class RaceFuture<T> implements Future<T>, Cancellable {
    /** The children, in input order, until the race completes or is cancelled; then empty. */
    private final List<Future<? extends T>> children;
    private Stage stage = Stage.RUNNING;

    RaceFuture(List<Future<? extends T>> children) {
        this.children = children;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (!stage.isPollable()) {
            throw stage.misuse("race", cx.runtime().describe());
        }
        int n = children.size();
        int start = n == 1 ? 0 : cx.runtime().choices().choose(n);
        for (int k = 0; k < n; k++) {
            int i = (start + k) % n;
            Poll<? extends T> p;
            try {
                children.set(i, cx.runtime().beforeInnerPoll(children.get(i)));
                p = children.get(i).poll(cx);
            } catch (Throwable t) {
                for (Future<? extends T> loser : dropAllBut(i, Stage.COMPLETED)) {
                    Futures.cancelAfterFailure(t, loser);
                }
                throw t;
            }
            if (p instanceof Poll.Ready<? extends T> ready) {
                cx.runtime().afterInnerReady(children.get(i));
                dropAllBut(i, Stage.COMPLETED).forEach(Futures::cancel);
                return Poll.ready(ready.value());
            }
        }
        return Poll.pending();
    }

    @Override
    public void cancel() {
        if (stage == Stage.RUNNING) {
            dropAllBut(-1, Stage.CANCELLED).forEach(Futures::cancel);
        }
    }

    /**
     * Drops every child and moves to {@code next}.
     *
     * @return the children other than index {@code keep}, in input order: the ones to cancel
     */
    private List<Future<? extends T>> dropAllBut(int keep, Stage next) {
        List<Future<? extends T>> others = new ArrayList<>(children.size());
        for (int i = 0; i < children.size(); i++) {
            if (i != keep) {
                others.add(children.get(i));
            }
        }
        children.clear();
        stage = next;
        return others;
    }

    @Override
    public String toString() {
        return "race(" + children.size() + " children, " + stage + ")";
    }
}
