package dev.lockstep.agent.internal.calls;

import dev.lockstep.time.VirtualScheduledExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * What a rewritten {@code new ScheduledThreadPoolExecutor(..)} creates: submissions and schedules
 * made on a simulation's thread become tasks of that run's executor, in virtual time, as
 * {@link RoutingExecutor} does; anywhere else it is the pool it was built as.
 */
public class RoutingScheduledThreadPoolExecutor extends ScheduledThreadPoolExecutor {
    private final RoutingExecutor route = new RoutingExecutor(
            "new java.util.concurrent.ScheduledThreadPoolExecutor(..)", "scheduled-pool", () -> null);

    public RoutingScheduledThreadPoolExecutor(int core, int site) {
        super(core);
    }

    public RoutingScheduledThreadPoolExecutor(int core, ThreadFactory factory, int site) {
        super(core, factory);
    }

    public RoutingScheduledThreadPoolExecutor(int core, RejectedExecutionHandler handler, int site) {
        super(core, handler);
    }

    public RoutingScheduledThreadPoolExecutor(int core, ThreadFactory factory, RejectedExecutionHandler handler,
            int site) {
        super(core, factory, handler);
    }

    /** The run's executor if the calling thread runs a simulation that virtualizes, else null; rejects after shutdown. */
    private VirtualScheduledExecutor sim(Object command) {
        VirtualScheduledExecutor v = route.sim();
        if (v != null && isShutdown()) {
            throw new RejectedExecutionException("Task " + command + " rejected from " + this + " (shut down)");
        }
        return v;
    }

    @Override
    public void execute(Runnable command) {
        VirtualScheduledExecutor v = sim(command);
        if (v != null) {
            v.execute(command);
        } else {
            super.execute(command);
        }
    }

    @Override
    public Future<?> submit(Runnable task) {
        VirtualScheduledExecutor v = sim(task);
        return v != null ? v.submit(task) : super.submit(task);
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        VirtualScheduledExecutor v = sim(task);
        return v != null ? v.submit(task, result) : super.submit(task, result);
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        VirtualScheduledExecutor v = sim(task);
        return v != null ? v.submit(task) : super.submit(task);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        VirtualScheduledExecutor v = sim(command);
        return v != null ? v.schedule(command, delay, unit) : super.schedule(command, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        VirtualScheduledExecutor v = sim(callable);
        return v != null ? v.schedule(callable, delay, unit) : super.schedule(callable, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        VirtualScheduledExecutor v = sim(command);
        return v != null ? v.scheduleAtFixedRate(command, initialDelay, period, unit)
                : super.scheduleAtFixedRate(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        VirtualScheduledExecutor v = sim(command);
        return v != null ? v.scheduleWithFixedDelay(command, initialDelay, delay, unit)
                : super.scheduleWithFixedDelay(command, initialDelay, delay, unit);
    }
}
