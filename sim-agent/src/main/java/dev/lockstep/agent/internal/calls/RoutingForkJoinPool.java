package dev.lockstep.agent.internal.calls;

import dev.lockstep.time.VirtualScheduledExecutor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What a rewritten {@code ForkJoinPool.commonPool()} returns: one pool for the JVM that routes
 * each submission as {@link RoutingExecutor} does, to the simulation running on the submitting
 * thread or else to the real common pool. It never starts a thread of its own.
 *
 * <h2>In a simulation</h2>
 * A submitted task runs as a simulation task, in virtual time; the {@code ForkJoinTask} it
 * returns completes there. A task that forks subtasks from inside a simulation reaches the real
 * common pool through the JDK's own code, which the agent does not see; the rewritten
 * {@code fork()} call reports it.
 *
 * <h2>Static state</h2>
 * One instance for the JVM, holding no run state.
 */
public final class RoutingForkJoinPool extends ForkJoinPool {
    static final RoutingForkJoinPool COMMON = new RoutingForkJoinPool();

    final RoutingExecutor route = new RoutingExecutor("java.util.concurrent.ForkJoinPool.commonPool()",
            "common-pool", ForkJoinPool::commonPool);

    private RoutingForkJoinPool() {
        super(1, defaultForkJoinWorkerThreadFactory, null, false);
    }

    private static ForkJoinPool real() {
        return ForkJoinPool.commonPool();
    }

    @Override
    public void execute(Runnable task) {
        route.execute(task);
    }

    @Override
    public void execute(ForkJoinTask<?> task) {
        VirtualScheduledExecutor v = route.sim();
        if (v != null) {
            v.execute(task::quietlyInvoke);
        } else {
            real().execute(task);
        }
    }

    @Override
    public <T> ForkJoinTask<T> submit(ForkJoinTask<T> task) {
        VirtualScheduledExecutor v = route.sim();
        if (v == null) {
            return real().submit(task);
        }
        v.execute(task::quietlyInvoke);
        return task;
    }

    @Override
    public <T> ForkJoinTask<T> submit(Callable<T> task) {
        return submit(ForkJoinTask.adapt(task));
    }

    @Override
    public <T> ForkJoinTask<T> submit(Runnable task, T result) {
        return submit(ForkJoinTask.adapt(task, result));
    }

    @Override
    public ForkJoinTask<?> submit(Runnable task) {
        return submit(ForkJoinTask.adapt(task));
    }

    @Override
    public <T> ForkJoinTask<T> lazySubmit(ForkJoinTask<T> task) {
        return submit(task);
    }

    @Override
    public <T> T invoke(ForkJoinTask<T> task) {
        if (route.sim() == null) {
            return real().invoke(task);
        }
        return task.invoke();   // runs here, on the simulation's thread, as a caller-runs invoke does
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) {
        VirtualScheduledExecutor v = route.sim();
        if (v == null) {
            return real().invokeAll(tasks);
        }
        List<Future<T>> done = new ArrayList<>();
        for (Callable<T> c : tasks) {
            ForkJoinTask<T> t = ForkJoinTask.adapt(c);
            t.quietlyInvoke();
            done.add(t);
        }
        return done;
    }

    @Override
    public void shutdown() {
        // The common pool cannot be shut down.
    }

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return real().awaitTermination(timeout, unit);
    }

    @Override
    public int getParallelism() {
        return real().getParallelism();
    }

    @Override
    public String toString() {
        return "ForkJoinPool.commonPool() (routed to the simulation on a simulation's thread)";
    }
}
