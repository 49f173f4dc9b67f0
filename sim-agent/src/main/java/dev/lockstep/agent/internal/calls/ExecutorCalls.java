package dev.lockstep.agent.internal.calls;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * Handlers of the executor factories: each returns, wherever it is called, an executor that
 * routes every submission to the simulation running on the submitting thread and otherwise to
 * the real executor the factory would have made ({@link RoutingExecutor},
 * {@link RoutingForkJoinPool}).
 *
 * <h2>Differences outside simulations</h2>
 * None in behaviour; but the object is not the JDK's class, so a cast of
 * {@code Executors.newFixedThreadPool(n)} to {@code ThreadPoolExecutor} fails.
 */
public final class ExecutorCalls {
    private ExecutorCalls() {
    }

    public static ForkJoinPool commonPool(int site) {
        return RoutingForkJoinPool.COMMON;
    }

    public static ExecutorService newFixedThreadPool(int n, int site) {
        return routing("Executors.newFixedThreadPool(" + n + ")", "fixed-pool", () -> Executors.newFixedThreadPool(n));
    }

    public static ExecutorService newFixedThreadPool(int n, ThreadFactory f, int site) {
        return routing("Executors.newFixedThreadPool(" + n + ", factory)", "fixed-pool",
                () -> Executors.newFixedThreadPool(n, f));
    }

    public static ExecutorService newCachedThreadPool(int site) {
        return routing("Executors.newCachedThreadPool()", "cached-pool", Executors::newCachedThreadPool);
    }

    public static ExecutorService newCachedThreadPool(ThreadFactory f, int site) {
        return routing("Executors.newCachedThreadPool(factory)", "cached-pool", () -> Executors.newCachedThreadPool(f));
    }

    public static ExecutorService newSingleThreadExecutor(int site) {
        return routing("Executors.newSingleThreadExecutor()", "single-thread", Executors::newSingleThreadExecutor);
    }

    public static ExecutorService newSingleThreadExecutor(ThreadFactory f, int site) {
        return routing("Executors.newSingleThreadExecutor(factory)", "single-thread",
                () -> Executors.newSingleThreadExecutor(f));
    }

    public static ExecutorService newWorkStealingPool(int site) {
        return routing("Executors.newWorkStealingPool()", "work-stealing-pool", Executors::newWorkStealingPool);
    }

    public static ExecutorService newWorkStealingPool(int n, int site) {
        return routing("Executors.newWorkStealingPool(" + n + ")", "work-stealing-pool",
                () -> Executors.newWorkStealingPool(n));
    }

    public static ExecutorService newVirtualThreadPerTaskExecutor(int site) {
        return routing("Executors.newVirtualThreadPerTaskExecutor()", "virtual-threads",
                Executors::newVirtualThreadPerTaskExecutor);
    }

    public static ExecutorService newThreadPerTaskExecutor(ThreadFactory f, int site) {
        return routing("Executors.newThreadPerTaskExecutor(factory)", "thread-per-task",
                () -> Executors.newThreadPerTaskExecutor(f));
    }

    public static ScheduledExecutorService newScheduledThreadPool(int n, int site) {
        return routing("Executors.newScheduledThreadPool(" + n + ")", "scheduled-pool",
                () -> Executors.newScheduledThreadPool(n));
    }

    public static ScheduledExecutorService newScheduledThreadPool(int n, ThreadFactory f, int site) {
        return routing("Executors.newScheduledThreadPool(" + n + ", factory)", "scheduled-pool",
                () -> Executors.newScheduledThreadPool(n, f));
    }

    public static ScheduledExecutorService newSingleThreadScheduledExecutor(int site) {
        return routing("Executors.newSingleThreadScheduledExecutor()", "single-scheduled",
                Executors::newSingleThreadScheduledExecutor);
    }

    public static ScheduledExecutorService newSingleThreadScheduledExecutor(ThreadFactory f, int site) {
        return routing("Executors.newSingleThreadScheduledExecutor(factory)", "single-scheduled",
                () -> Executors.newSingleThreadScheduledExecutor(f));
    }

    private static RoutingExecutor routing(String call, String name,
            java.util.function.Supplier<? extends ExecutorService> real) {
        return new RoutingExecutor("java.util.concurrent." + call, name, real);
    }
}
