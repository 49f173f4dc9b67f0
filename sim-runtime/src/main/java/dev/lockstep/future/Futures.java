package dev.lockstep.future;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Static factories for futures and combinators. The same combinators are default methods on
 * {@link Future} ({@code f.map(..)}, {@code f.then(..)}, {@code f.fuse()}, {@code f.timeout(..)}).
 *
 * <p>Every factory returns a new future that does nothing until it is polled. Each combinator is a
 * package-private class of its own ({@code MapFuture}, {@code SelectFuture}, ...).
 *
 * <h2>Returns</h2>
 * A combinator returns {@code Ready} in the poll in which its result becomes known, and
 * {@code Pending} otherwise. It never returns {@code Pending} without a child having returned
 * {@code Pending} in the same poll, so the children's wakeup arrangements are its own. The
 * exceptions are {@link #pending()}, which never wakes, and {@link #yieldNow()}, which wakes
 * itself.
 *
 * <h2>Waker</h2>
 * Combinators pass their poll's {@link Context} to their children unchanged, so a child's wake
 * wakes the task that polls the combinator. They keep no per-child wakers: {@link #join} and
 * {@link #joinAll} poll every incomplete child on every poll. A poll without a wake (a spurious
 * poll) is always safe: children are polled again and may return {@code Pending} again.
 *
 * <h2>After completion</h2>
 * A combinator completes when it returns {@code Ready} or throws. It then drops (nulls) every
 * child it held and never polls a completed child again; polling the combinator again throws
 * {@link IllegalStateException} ("polled after completion"), unless it was {@link #fuse fused}.
 *
 * <h2>Cancellation</h2>
 * Every combinator that holds children implements {@link Cancellable}: {@code cancel()} cancels
 * (through {@link #cancel(Future)}) each child that has not completed, then drops them. It is
 * idempotent and does nothing after completion; polling after it throws
 * {@link IllegalStateException}. {@link #select} and {@link #race} cancel their losers as soon as
 * a winner completes.
 *
 * <h2>Determinism</h2>
 * Only two combinators draw choices: {@link #select} (which child to poll first) and {@link #race}
 * (where to start in the list), both from {@code cx.runtime().choices()}, with 0 meaning argument
 * order. Only {@link #timeout} reads the clock. None reads real time or real randomness.
 *
 * <h2>Errors</h2>
 * A {@code null} argument is rejected with a {@link NullPointerException} naming it. An exception
 * thrown by a child's {@code poll} propagates from the combinator's {@code poll}, after the
 * combinator cancelled its other incomplete children (an exception from one of those cancels is
 * added as suppressed). An exception thrown by a function given to {@link #map}, {@link #then},
 * {@link #lazy} or {@link #pollFn} propagates the same way.
 */
public final class Futures {

    private Futures() {
    }

    /**
     * A future that completes with {@code value} on its first poll.
     *
     * @param value the value, may be {@code null}
     */
    public static <T> Future<T> ready(T value) {
        return new LeafFutures.Ready<>(value);
    }

    /** A future that never completes and never wakes; polling it again is always allowed. */
    public static <T> Future<T> pending() {
        return new LeafFutures.Pending<>();
    }

    /**
     * A future that calls {@code supplier} on its first poll and completes with the result.
     *
     * <p><b>Errors</b>: the supplier's exception propagates from that poll.
     */
    public static <T> Future<T> lazy(Supplier<? extends T> supplier) {
        return new LeafFutures.Lazy<>(Objects.requireNonNull(supplier, "supplier"));
    }

    /**
     * A future whose {@code poll} calls {@code fn}. The function must honour the poll contract of
     * {@link Future}: store {@code cx.waker()} somewhere before returning {@code Pending}.
     *
     * <p><b>After completion</b>: once {@code fn} returns {@code Ready} or throws it is not called
     * again. <b>Errors</b>: a {@code null} result is a {@link NullPointerException}.
     */
    public static <T> Future<T> pollFn(Function<? super Context, ? extends Poll<T>> fn) {
        return new LeafFutures.PollFn<>(Objects.requireNonNull(fn, "fn"));
    }

    /**
     * A future that gives other tasks a turn: its first poll wakes its own waker
     * ({@code wakeByRef}) and returns {@code Pending}; its second poll completes with {@code null}.
     */
    public static Future<Void> yieldNow() {
        return new LeafFutures.YieldNow();
    }

    /**
     * A future that completes with {@code fn(value)} when {@code future} completes with
     * {@code value}. The function runs once, in that poll.
     */
    public static <T, U> Future<U> map(Future<T> future, Function<? super T, ? extends U> fn) {
        return new MapFuture<>(Objects.requireNonNull(future, "future"), Objects.requireNonNull(fn, "fn"));
    }

    /**
     * A future that, when {@code future} completes with {@code value}, runs the future
     * {@code fn(value)} and completes with its result (flat map). The second future is first
     * polled in the same poll in which the first completes.
     *
     * <p><b>Errors</b>: an exception from {@code fn}, or a {@code null} future from it, propagates
     * from that poll.
     */
    public static <T, U> Future<U> then(Future<T> future, Function<? super T, ? extends Future<U>> fn) {
        return ThenFuture.of(Objects.requireNonNull(future, "future"), Objects.requireNonNull(fn, "fn"));
    }

    /**
     * {@code future}, made safe to poll after completion: once it returned {@code Ready}, threw, or
     * was cancelled, every poll returns {@code Pending} and {@link FusedFuture#isTerminated()} is
     * {@code true}.
     */
    public static <T> FusedFuture<T> fuse(Future<T> future) {
        return new FuseFuture<>(Objects.requireNonNull(future, "future"));
    }

    /**
     * A future that completes with both values once both futures completed. Every poll polls each
     * incomplete child, {@code first} then {@code second}.
     */
    public static <A, B> Future<Both<A, B>> join(Future<A> first, Future<B> second) {
        return new JoinFuture<>(Objects.requireNonNull(first, "first"), Objects.requireNonNull(second, "second"));
    }

    /**
     * A future that completes with every future's value, in input order (values may be
     * {@code null}), once all completed. Every poll polls each incomplete child in input order. An
     * empty list completes with an empty list on the first poll. The list is copied.
     */
    public static <T> Future<List<T>> joinAll(List<? extends Future<? extends T>> futures) {
        return new JoinAllFuture<T>(copy(futures));
    }

    /**
     * A future that completes with the value of whichever future completes first ({@link
     * Either.Left} for {@code first}, {@link Either.Right} for {@code second}) and cancels the
     * other.
     *
     * <p><b>Determinism</b>: every poll draws {@code choose(2)}; 0 polls {@code first} first.
     */
    public static <A, B> Future<Either<A, B>> select(Future<A> first, Future<B> second) {
        return new SelectFuture<>(Objects.requireNonNull(first, "first"), Objects.requireNonNull(second, "second"));
    }

    /**
     * A future that completes with the value of whichever future completes first and cancels all
     * the others. The list is copied.
     *
     * <p><b>Determinism</b>: every poll of more than one future draws {@code choose(n)}, the index
     * to start polling from; 0 is input order.
     *
     * @throws IllegalArgumentException if {@code futures} is empty (such a race has no winner)
     */
    public static <T> Future<T> race(List<? extends Future<? extends T>> futures) {
        List<Future<? extends T>> children = copy(futures);
        if (children.isEmpty()) {
            throw new IllegalArgumentException("race needs at least one future; the list is empty");
        }
        return new RaceFuture<T>(children);
    }

    /**
     * {@code future}, failing with {@link dev.lockstep.future.TimeoutExpiredException} if it has not
     * completed {@code limit} after its first poll; the inner future is then cancelled. Delegates
     * to {@link Timeout#of(Future, Duration)}, which reads the runtime's clock and holds a timer.
     */
    public static <T> Future<T> timeout(Future<T> future, Duration limit) {
        return Timeout.of(Objects.requireNonNull(future, "future"), Objects.requireNonNull(limit, "limit"));
    }

    /**
     * Cancels {@code future} if it is {@link Cancellable}; does nothing otherwise, or for
     * {@code null}.
     */
    public static void cancel(Future<?> future) {
        if (future instanceof Cancellable c) {
            c.cancel();
        }
    }

    /**
     * Cancels {@code future} after a sibling failed with {@code failure}; an exception from the
     * cancel is added to {@code failure} as suppressed, so the original failure is the one seen.
     */
    static void cancelAfterFailure(Throwable failure, Future<?> future) {
        try {
            cancel(future);
        } catch (RuntimeException | Error e) {
            failure.addSuppressed(e);
        }
    }

    /** A mutable copy of {@code futures}, rejecting a {@code null} list or element by name. */
    private static <T> List<Future<? extends T>> copy(List<? extends Future<? extends T>> futures) {
        Objects.requireNonNull(futures, "futures");
        List<Future<? extends T>> out = new ArrayList<>(futures.size());
        for (int i = 0; i < futures.size(); i++) {
            out.add(Objects.requireNonNull(futures.get(i), "futures[" + i + "]"));
        }
        return out;
    }
}
