package dev.lockstep.agent.internal.calls;

import dev.lockstep.internal.edge.EdgeRun;
import dev.lockstep.time.VirtualScheduledExecutor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Handlers of the {@code CompletableFuture} and {@code CompletionStage} methods that use a real
 * thread: the {@code *Async} methods without an executor (the common pool), {@code orTimeout},
 * {@code completeOnTimeout} and {@code delayedExecutor} (the JDK's delayer thread).
 *
 * <h2>In a simulation</h2>
 * Called on a simulation's thread under {@code VIRTUALIZE}, an {@code *Async} method gets the
 * run's executor for the common pool, so its action runs as a simulation task when its stage
 * completes; {@code orTimeout} and {@code completeOnTimeout} time out in virtual time
 * ({@code VirtualScheduledExecutor.orTimeout}); a {@code delayedExecutor} delays in virtual time
 * for every command executed on a simulation's thread, wherever it was made. Anywhere else each
 * call is the JDK's.
 */
public final class StageCalls {
    /** Stands for the JDK's delayer thread in {@code EdgeRun.executor}. */
    private static final Object DELAYER = new Object();

    private StageCalls() {
    }

    private static Executor pool(EdgeRun r) {
        return RoutingForkJoinPool.COMMON.route.forRun(r);
    }

    private static VirtualScheduledExecutor delayer(EdgeRun r) {
        return r.executor(DELAYER, "delayer");
    }

    public static <T> CompletableFuture<T> supplyAsync(Supplier<T> s, int site) {
        EdgeRun r = Sites.virtualizing(site);
        return r == null ? CompletableFuture.supplyAsync(s) : CompletableFuture.supplyAsync(s, pool(r));
    }

    public static CompletableFuture<Void> runAsync(Runnable s, int site) {
        EdgeRun r = Sites.virtualizing(site);
        return r == null ? CompletableFuture.runAsync(s) : CompletableFuture.runAsync(s, pool(r));
    }

    public static Executor delayedExecutor(long delay, TimeUnit unit, int site) {
        return command -> {
            EdgeRun r = Sites.virtualizing(site);
            if (r == null) {
                CompletableFuture.delayedExecutor(delay, unit).execute(command);
            } else {
                delayer(r).delayedExecutor(delay, unit).execute(() -> pool(r).execute(command));
            }
        };
    }

    public static Executor delayedExecutor(long delay, TimeUnit unit, Executor then, int site) {
        return command -> {
            EdgeRun r = Sites.virtualizing(site);
            if (r == null) {
                CompletableFuture.delayedExecutor(delay, unit, then).execute(command);
            } else {
                delayer(r).delayedExecutor(delay, unit).execute(() -> then.execute(command));
            }
        };
    }

    public static <T> CompletableFuture<T> orTimeout(CompletableFuture<T> f, long timeout, TimeUnit unit, int site) {
        EdgeRun r = Sites.virtualizing(site);
        return r == null ? f.orTimeout(timeout, unit) : delayer(r).orTimeout(f, timeout, unit);
    }

    public static <T> CompletableFuture<T> completeOnTimeout(CompletableFuture<T> f, T value, long timeout,
            TimeUnit unit, int site) {
        EdgeRun r = Sites.virtualizing(site);
        return r == null ? f.completeOnTimeout(value, timeout, unit) : delayer(r).completeOnTimeout(f, value, timeout, unit);
    }

    public static <T> CompletableFuture<T> completeAsync(CompletableFuture<T> f, Supplier<? extends T> s, int site) {
        EdgeRun r = Sites.virtualizing(site);
        return r == null ? f.completeAsync(s) : f.completeAsync(s, pool(r));
    }

    public static <T, U> CompletionStage<U> thenApplyAsync(CompletionStage<T> s, Function<? super T, ? extends U> fn,
            int site) {
        EdgeRun r = Sites.virtualizing(site);
        return r == null ? s.thenApplyAsync(fn) : s.thenApplyAsync(fn, pool(r));
    }

    public static <T> CompletionStage<Void> thenAcceptAsync(CompletionStage<T> s, Consumer<? super T> fn, int site) {
        EdgeRun r = Sites.virtualizing(site);
        return r == null ? s.thenAcceptAsync(fn) : s.thenAcceptAsync(fn, pool(r));
    }

    public static <T> CompletionStage<Void> thenRunAsync(CompletionStage<T> s, Runnable fn, int site) {
        EdgeRun r = Sites.virtualizing(site);
        return r == null ? s.thenRunAsync(fn) : s.thenRunAsync(fn, pool(r));
    }

    public static <T, U, V> CompletionStage<V> thenCombineAsync(CompletionStage<T> s,
            CompletionStage<? extends U> other, BiFunction<? super T, ? super U, ? extends V> fn, int site) {
        EdgeRun r = Sites.virtualizing(site);
        return r == null ? s.thenCombineAsync(other, fn) : s.thenCombineAsync(other, fn, pool(r));
    }

    public static <T, U> CompletionStage<Void> thenAcceptBothAsync(CompletionStage<T> s,
            CompletionStage<? extends U> other, BiConsumer<? super T, ? super U> fn, int site) {
        EdgeRun r = Sites.virtualizing(site);
        return r == null ? s.thenAcceptBothAsync(other, fn) : s.thenAcceptBothAsync(other, fn, pool(r));
    }

    public static <T> CompletionStage<Void> runAfterBothAsync(CompletionStage<T> s, CompletionStage<?> other,
            Runnable fn, int site) {
        EdgeRun r = Sites.virtualizing(site);
        return r == null ? s.runAfterBothAsync(other, fn) : s.runAfterBothAsync(other, fn, pool(r));
    }

    public static <T, U> CompletionStage<U> applyToEitherAsync(CompletionStage<T> s, CompletionStage<? extends T> other,
            Function<? super T, U> fn, int site) {
        EdgeRun r = Sites.virtualizing(site);
        return r == null ? s.applyToEitherAsync(other, fn) : s.applyToEitherAsync(other, fn, pool(r));
    }

    public static <T> CompletionStage<Void> acceptEitherAsync(CompletionStage<T> s, CompletionStage<? extends T> other,
            Consumer<? super T> fn, int site) {
        EdgeRun r = Sites.virtualizing(site);
        return r == null ? s.acceptEitherAsync(other, fn) : s.acceptEitherAsync(other, fn, pool(r));
    }

    public static <T> CompletionStage<Void> runAfterEitherAsync(CompletionStage<T> s, CompletionStage<?> other,
            Runnable fn, int site) {
        EdgeRun r = Sites.virtualizing(site);
        return r == null ? s.runAfterEitherAsync(other, fn) : s.runAfterEitherAsync(other, fn, pool(r));
    }

    public static <T, U> CompletionStage<U> thenComposeAsync(CompletionStage<T> s,
            Function<? super T, ? extends CompletionStage<U>> fn, int site) {
        EdgeRun r = Sites.virtualizing(site);
        return r == null ? s.thenComposeAsync(fn) : s.thenComposeAsync(fn, pool(r));
    }

    public static <T, U> CompletionStage<U> handleAsync(CompletionStage<T> s,
            BiFunction<? super T, Throwable, ? extends U> fn, int site) {
        EdgeRun r = Sites.virtualizing(site);
        return r == null ? s.handleAsync(fn) : s.handleAsync(fn, pool(r));
    }

    public static <T> CompletionStage<T> whenCompleteAsync(CompletionStage<T> s,
            BiConsumer<? super T, ? super Throwable> fn, int site) {
        EdgeRun r = Sites.virtualizing(site);
        return r == null ? s.whenCompleteAsync(fn) : s.whenCompleteAsync(fn, pool(r));
    }

    public static <T> CompletionStage<T> exceptionallyAsync(CompletionStage<T> s, Function<Throwable, ? extends T> fn,
            int site) {
        EdgeRun r = Sites.virtualizing(site);
        return r == null ? s.exceptionallyAsync(fn) : s.exceptionallyAsync(fn, pool(r));
    }

    public static <T> CompletionStage<T> exceptionallyComposeAsync(CompletionStage<T> s,
            Function<Throwable, ? extends CompletionStage<T>> fn, int site) {
        EdgeRun r = Sites.virtualizing(site);
        return r == null ? s.exceptionallyComposeAsync(fn) : s.exceptionallyComposeAsync(fn, pool(r));
    }
}
