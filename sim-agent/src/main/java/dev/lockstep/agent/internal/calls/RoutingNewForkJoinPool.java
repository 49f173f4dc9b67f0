package dev.lockstep.agent.internal.calls;

import dev.lockstep.time.VirtualScheduledExecutor;
import java.lang.Thread.UncaughtExceptionHandler;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * What a rewritten {@code new ForkJoinPool(..)} creates: a pool whose submissions made on a
 * simulation's thread run as tasks of that run's executor (as {@link RoutingForkJoinPool} does
 * for the common pool); anywhere else it is the pool it was built as.
 */
public class RoutingNewForkJoinPool extends ForkJoinPool {
    private final RoutingExecutor route = new RoutingExecutor("new java.util.concurrent.ForkJoinPool(..)",
            "fork-join-pool", () -> null);

    public RoutingNewForkJoinPool(int site) {
        super();
    }

    public RoutingNewForkJoinPool(int parallelism, int site) {
        super(parallelism);
    }

    public RoutingNewForkJoinPool(int parallelism, ForkJoinWorkerThreadFactory factory, UncaughtExceptionHandler handler,
            boolean asyncMode, int site) {
        super(parallelism, factory, handler, asyncMode);
    }

    public RoutingNewForkJoinPool(int parallelism, ForkJoinWorkerThreadFactory factory, UncaughtExceptionHandler handler,
            boolean asyncMode, int corePoolSize, int maximumPoolSize, int minimumRunnable,
            Predicate<? super ForkJoinPool> saturate, long keepAliveTime, TimeUnit unit, int site) {
        super(parallelism, factory, handler, asyncMode, corePoolSize, maximumPoolSize, minimumRunnable, saturate,
                keepAliveTime, unit);
    }

    @Override
    public void execute(Runnable task) {
        VirtualScheduledExecutor v = route.sim();
        if (v != null) {
            v.execute(task);
        } else {
            super.execute(task);
        }
    }

    @Override
    public void execute(ForkJoinTask<?> task) {
        VirtualScheduledExecutor v = route.sim();
        if (v != null) {
            v.execute(task::quietlyInvoke);
        } else {
            super.execute(task);
        }
    }

    @Override
    public <T> ForkJoinTask<T> submit(ForkJoinTask<T> task) {
        VirtualScheduledExecutor v = route.sim();
        if (v == null) {
            return super.submit(task);
        }
        v.execute(task::quietlyInvoke);
        return task;
    }

    @Override
    public <T> ForkJoinTask<T> submit(Callable<T> task) {
        return route.sim() == null ? super.submit(task) : submit(ForkJoinTask.adapt(task));
    }

    @Override
    public <T> ForkJoinTask<T> submit(Runnable task, T result) {
        return route.sim() == null ? super.submit(task, result) : submit(ForkJoinTask.adapt(task, result));
    }

    @Override
    public ForkJoinTask<?> submit(Runnable task) {
        return route.sim() == null ? super.submit(task) : submit(ForkJoinTask.adapt(task));
    }

    @Override
    public <T> ForkJoinTask<T> lazySubmit(ForkJoinTask<T> task) {
        return route.sim() == null ? super.lazySubmit(task) : submit(task);
    }

    @Override
    public <T> T invoke(ForkJoinTask<T> task) {
        return route.sim() == null ? super.invoke(task) : task.invoke();
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) {
        if (route.sim() == null) {
            return super.invokeAll(tasks);
        }
        List<Future<T>> done = new ArrayList<>();
        for (Callable<T> c : tasks) {
            ForkJoinTask<T> t = ForkJoinTask.adapt(c);
            t.quietlyInvoke();
            done.add(t);
        }
        return done;
    }
}
