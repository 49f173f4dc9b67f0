package dev.lockstep.future;

/**
 * A future that holds resources and releases them when it is dropped before completion.
 *
 * <p>The executor calls {@link #cancel()} when a task is aborted, when a {@code select} or
 * {@code race} loser is dropped, and when a simulated host crashes. Combinators forward it to the
 * children they still hold (see {@link Futures#cancel(Future)}).
 *
 * <h2>Contract</h2>
 * {@code cancel} releases every registration the future made (timer, reactor interest, channel
 * slot) and cancels the inner futures it holds. It is idempotent, never throws for a completed
 * future, and after it the future is not polled again.
 */
@FunctionalInterface
public interface Cancellable {
    /** Releases every registration; idempotent. */
    void cancel();
}
