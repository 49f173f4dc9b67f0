package dev.lockstep.future;

import dev.lockstep.internal.future.Stage;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@link Futures#then(Future, Function)}: runs the future a function returns for the first
 * future's value (flat map).
 *
 * <p>When the running future completes, the next function runs and the future it returns is
 * polled in the same poll, so a future that is ready at once costs no extra wake. At any time the
 * combinator holds at most one child future, the one running.
 *
 * <h2>Chains</h2>
 * A chain of {@code then} links is one combinator with a queue of functions, however it was
 * written, so a poll costs the same at every link and a chain of n links pending at each costs
 * O(n) in all (not O(n²) with a poll walking n nested combinators, and no stack of depth n):
 * <ul>
 *   <li>{@code a.then(f).then(g)}: {@code then} on a combinator that was never polled takes over
 *       its running future and its functions and adds {@code g}.
 *   <li>{@code a.then(x -> b.then(g))}: a function that returns a combinator that was never
 *       polled hands over its running future and functions, which run before this one's.
 * </ul>
 * The combinator taken over is spent: it belongs to the chain that took it, so polling it
 * throws {@link IllegalStateException} and cancelling it does nothing (the chain's owner cancels
 * the chain). The functions run in the order they would run nested, each once.
 */
final class ThenFuture<T, U> implements Future<U>, Cancellable {
    /** The running future; {@code null} once completed, cancelled or taken over. */
    private Future<Object> current;
    /** The functions still to run, oldest first: read from {@code front}, added at {@code back}. */
    private Link front;
    /** Newest first; reversed into {@code front} when that runs out. Shared, never mutated. */
    private Link back;
    private Stage stage = Stage.RUNNING;
    private boolean polled;
    /** Taken over by another combinator of a chain: spent. */
    private boolean takenOver;

    @SuppressWarnings("unchecked")
    ThenFuture(Future<T> first, Function<? super T, ? extends Future<U>> fn) {
        this.current = (Future<Object>) first;
        this.back = new Link((Function<Object, ? extends Future<?>>) (Function<?, ?>) fn, null);
    }

    private ThenFuture(Future<Object> current, Link front, Link back) {
        this.current = current;
        this.front = front;
        this.back = back;
    }

    /** {@code future.then(fn)}, extending {@code future}'s chain when it is an unpolled one. */
    @SuppressWarnings("unchecked")
    static <T, U> Future<U> of(Future<T> future, Function<? super T, ? extends Future<U>> fn) {
        if (future instanceof ThenFuture<?, ?> chain && chain.canBeTakenOver()) {
            chain.takenOver = true;
            Link added = new Link((Function<Object, ? extends Future<?>>) (Function<?, ?>) fn, chain.back);
            return new ThenFuture<>(chain.current, chain.front, added);
        }
        return new ThenFuture<>(future, fn);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Poll<U> poll(Context cx) {
        if (takenOver) {
            throw new IllegalStateException("then polled after it became part of a longer chain (a then() on it, or"
                    + " a then function returning it, took it over) at " + cx.runtime().describe()
                    + "; poll the chain that took it, and give each future to one combinator only");
        }
        if (!stage.isPollable()) {
            throw stage.misuse("then", cx.runtime().describe());
        }
        polled = true;
        try {
            while (true) {
                current = cx.runtime().beforeInnerPoll(current);
                if (!(current.poll(cx) instanceof Poll.Ready<Object> ready)) {
                    return Poll.pending();
                }
                cx.runtime().afterInnerReady(current);
                Function<Object, ? extends Future<?>> fn = nextFunction();
                if (fn == null) {
                    drop(Stage.COMPLETED);
                    return (Poll<U>) ready;
                }
                current = null;
                Future<Object> next = (Future<Object>) Objects.requireNonNull(fn.apply(ready.value()),
                        "then: the function returned null instead of a future");
                if (next instanceof ThenFuture<?, ?> chain && chain.canBeTakenOver()) {
                    takeOver(chain);
                } else {
                    current = next;
                }
            }
        } catch (Throwable t) {
            // The child that threw has failed and the function is spent: nothing to cancel.
            drop(Stage.COMPLETED);
            throw t;
        }
    }

    @Override
    public void cancel() {
        if (stage == Stage.RUNNING && !takenOver) {
            Future<?> child = current;
            drop(Stage.CANCELLED);
            Futures.cancel(child);
        }
    }

    private boolean canBeTakenOver() {
        return !polled && !takenOver && stage == Stage.RUNNING;
    }

    /** Runs {@code chain}'s future now and its functions before this one's remaining ones. */
    private void takeOver(ThenFuture<?, ?> chain) {
        chain.takenOver = true;
        current = chain.current;
        // chain's functions, oldest first, go in front of ours: O(length of chain), and each
        // function is handed over at most once, so a whole run of a chain stays linear.
        front = concat(chain.front, reverse(chain.back, front));
    }

    /** The next function to run, or {@code null} when none is left. */
    private Function<Object, ? extends Future<?>> nextFunction() {
        if (front == null) {
            if (back == null) {
                return null;
            }
            front = reverse(back, null);
            back = null;
        }
        Function<Object, ? extends Future<?>> fn = front.fn;
        front = front.next;
        return fn;
    }

    /**
     * {@code list} reversed, in front of {@code onto} (new links; {@code list} is unchanged): a
     * newest-first {@code back} comes out oldest first.
     */
    private static Link reverse(Link list, Link onto) {
        Link out = onto;
        for (Link l = list; l != null; l = l.next) {
            out = new Link(l.fn, out);
        }
        return out;
    }

    /** {@code a} then {@code b}: copies {@code a}, shares {@code b}. */
    private static Link concat(Link a, Link b) {
        return reverse(reverse(a, null), b);
    }

    private void drop(Stage next) {
        current = null;
        front = null;
        back = null;
        stage = next;
    }

    @Override
    public String toString() {
        return "then(" + (takenOver ? "taken over by a longer chain" : current != null ? current : stage) + ")";
    }

    /** One function of a chain; links are shared between chains and never change. */
    private record Link(Function<Object, ? extends Future<?>> fn, Link next) {}
}
