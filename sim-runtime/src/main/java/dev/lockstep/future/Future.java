package dev.lockstep.future;

import java.time.Duration;
import java.util.function.Function;

/**
 * A value that becomes available later, computed by being polled.
 *
 * <p>A future does nothing until it is polled. Each call to {@link #poll(Context)} advances it as
 * far as it can without blocking, then either completes with {@link Poll.Ready} or returns
 * {@link Poll#pending()} after arranging to be woken. This is the Rust {@code Future} model,
 * carried to the JVM so that a test harness can decide the order in which futures make progress.
 *
 * <h2>Returns</h2>
 * <ul>
 *   <li>{@code Ready(value)}: the future completed with {@code value}.
 *   <li>{@code Pending}: the future cannot make progress yet. Before returning it, the future
 *       arranged for the waker of <em>this</em> call ({@code cx.waker()}) to be woken when it can
 *       make progress, usually by storing it with the event source (a timer, the reactor, a
 *       channel). A future that returns {@code Pending} without doing so is never polled again:
 *       a <em>lost wakeup</em>.
 * </ul>
 *
 * <h2>Waker</h2>
 * Only the waker passed to the most recent poll needs to be woken; wakers of earlier polls may be
 * stale (the executor may hand a fresh one on every poll). A wake is a hint, not a promise: a
 * future may be polled without having been woken (a spurious wakeup) and must then re-check its
 * condition and return {@code Pending} again if it still cannot progress.
 *
 * <h2>After completion</h2>
 * Polling a future again after it returned {@code Ready} is unspecified: it may throw, return
 * {@code Pending}, or return a value again. A {@link FusedFuture} promises more: it returns
 * {@code Pending} and reports {@link FusedFuture#isTerminated()}.
 *
 * <h2>Errors</h2>
 * A future fails by throwing an unchecked exception from {@code poll}. The exception reaches
 * whoever polls it; a task's {@code JoinHandle} rethrows it wrapped with the task's name.
 * {@link Poll} carries values only.
 *
 * <h2>Determinism</h2>
 * {@code poll} never blocks, never sleeps, and never reads real time or real randomness: time
 * comes from {@code cx.runtime()}'s clock and randomness from its choices, so a simulated run is
 * reproducible from its replay string.
 *
 * <h2>Leaf futures and cancellation</h2>
 * A leaf future has no inner future; it stores the waker where its event source will call it. A
 * future that holds registrations implements {@link Cancellable} and releases them when
 * cancelled.
 *
 * @param <T> the type of the value the future completes with
 */
@FunctionalInterface
public interface Future<T> {

    /**
     * Advances the future as far as possible without blocking.
     *
     * @param cx the waker to wake when progress is possible, and the runtime polling this future
     * @return {@code Ready(value)} on completion, otherwise {@link Poll#pending()}
     */
    Poll<T> poll(Context cx);

    /** A future that applies {@code fn} to this future's value. See {@link Futures#map}. */
    default <U> Future<U> map(Function<? super T, ? extends U> fn) {
        return Futures.map(this, fn);
    }

    /** A future that runs the future {@code fn} returns for this one's value. See {@link Futures#then}. */
    default <U> Future<U> then(Function<? super T, ? extends Future<U>> fn) {
        return Futures.then(this, fn);
    }

    /** This future, fused: safe to poll after completion. See {@link Futures#fuse}. */
    default FusedFuture<T> fuse() {
        return Futures.fuse(this);
    }

    /**
     * This future, failing with {@link dev.lockstep.future.TimeoutExpiredException} if it has not
     * completed {@code limit} after its first poll. See {@link Futures#timeout}.
     */
    default Future<T> timeout(Duration limit) {
        return Futures.timeout(this, limit);
    }
}
