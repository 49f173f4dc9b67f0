package dev.lockstep.agent.internal.calls;

import dev.lockstep.internal.edge.EdgeRun;
import dev.lockstep.time.VirtualScheduledExecutor;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * What a rewritten {@code Executors.new*(..)} returns: an executor that routes each submission to
 * the simulation running on the submitting thread, and to a real executor (made by the original
 * factory at its first use) when there is none. An executor kept in a static field therefore
 * never stays bound to one run.
 *
 * <h2>In a simulation</h2>
 * Under {@code VIRTUALIZE} a submission runs as a task of the run's executor for this one
 * ({@code EdgeRun.executor}), a {@link VirtualScheduledExecutor}: in virtual time, in an order
 * drawn from the run's choices; its waiting methods follow that class's rules. Under
 * {@code REPORT} a submission throws the {@code EscapeException}. Shutting it down on a
 * simulation's thread shuts down that run's executor and the real one, if made.
 *
 * <h2>Threads</h2>
 * Safe from any thread, as the real executor is; the real one is made once.
 */
public final class RoutingExecutor implements ScheduledExecutorService {
    private final String call;
    private final String name;
    private final Supplier<? extends ExecutorService> factory;
    private volatile ExecutorService real;
    private volatile boolean shutdown;

    /**
     * @param call    what the executor stands for, for trace notes and reports
     * @param name    the name of its tasks in a simulation
     * @param factory makes the real executor
     */
    RoutingExecutor(String call, String name, Supplier<? extends ExecutorService> factory) {
        this.call = call;
        this.name = name;
        this.factory = factory;
    }

    /** The run's executor for this one, if the calling thread runs a simulation that virtualizes; else null. */
    VirtualScheduledExecutor sim() {
        EdgeRun r = Sites.virtualizingCaller(call);
        return r == null ? null : r.executor(this, name);
    }

    /** The executor of run {@code r} for this one. */
    VirtualScheduledExecutor forRun(EdgeRun r) {
        return r.executor(this, name);
    }

    /** As {@link #sim()}, but for queries and shutdown: notes nothing and reports nothing. */
    VirtualScheduledExecutor simQuiet() {
        EdgeRun r = dev.lockstep.internal.edge.CurrentRun.get();
        return r == null || !r.virtualizes() ? null : r.executor(this, name);
    }

    ExecutorService real() {
        ExecutorService e = real;
        if (e == null) {
            synchronized (this) {
                e = real;
                if (e == null) {
                    e = factory.get();
                    if (shutdown) {
                        e.shutdown();
                    }
                    real = e;
                }
            }
        }
        return e;
    }

    private ScheduledExecutorService scheduledReal() {
        if (real() instanceof ScheduledExecutorService s) {
            return s;
        }
        throw new UnsupportedOperationException(call + " is not a ScheduledExecutorService");
    }

    @Override
    public void execute(Runnable command) {
        VirtualScheduledExecutor v = sim();
        if (v != null) {
            v.execute(command);
        } else {
            real().execute(command);
        }
    }

    @Override
    public Future<?> submit(Runnable task) {
        VirtualScheduledExecutor v = sim();
        return v != null ? v.submit(task) : real().submit(task);
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        VirtualScheduledExecutor v = sim();
        return v != null ? v.submit(task, result) : real().submit(task, result);
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        VirtualScheduledExecutor v = sim();
        return v != null ? v.submit(task) : real().submit(task);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        VirtualScheduledExecutor v = sim();
        return v != null ? v.schedule(command, delay, unit) : scheduledReal().schedule(command, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        VirtualScheduledExecutor v = sim();
        return v != null ? v.schedule(callable, delay, unit) : scheduledReal().schedule(callable, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        VirtualScheduledExecutor v = sim();
        return v != null ? v.scheduleAtFixedRate(command, initialDelay, period, unit)
                : scheduledReal().scheduleAtFixedRate(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        VirtualScheduledExecutor v = sim();
        return v != null ? v.scheduleWithFixedDelay(command, initialDelay, delay, unit)
                : scheduledReal().scheduleWithFixedDelay(command, initialDelay, delay, unit);
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        VirtualScheduledExecutor v = sim();
        return v != null ? v.invokeAll(tasks) : real().invokeAll(tasks);
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        VirtualScheduledExecutor v = sim();
        return v != null ? v.invokeAll(tasks, timeout, unit) : real().invokeAll(tasks, timeout, unit);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        VirtualScheduledExecutor v = sim();
        return v != null ? v.invokeAny(tasks) : real().invokeAny(tasks);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        VirtualScheduledExecutor v = sim();
        return v != null ? v.invokeAny(tasks, timeout, unit) : real().invokeAny(tasks, timeout, unit);
    }

    @Override
    public void shutdown() {
        VirtualScheduledExecutor v = simQuiet();
        if (v != null) {
            v.shutdown();
        }
        shutdown = true;
        ExecutorService e = real;
        if (e != null) {
            e.shutdown();
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        VirtualScheduledExecutor v = simQuiet();
        shutdown = true;
        ExecutorService e = real;
        List<Runnable> left = v != null ? v.shutdownNow() : List.of();
        return e != null ? e.shutdownNow() : left;
    }

    @Override
    public boolean isShutdown() {
        VirtualScheduledExecutor v = simQuiet();
        return v != null ? v.isShutdown() : shutdown;
    }

    @Override
    public boolean isTerminated() {
        VirtualScheduledExecutor v = simQuiet();
        if (v != null) {
            return v.isTerminated();
        }
        ExecutorService e = real;
        return e != null ? e.isTerminated() : shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        VirtualScheduledExecutor v = simQuiet();
        if (v != null) {
            return v.awaitTermination(timeout, unit);
        }
        ExecutorService e = real;
        return e != null ? e.awaitTermination(timeout, unit) : shutdown;
    }

    @Override
    public String toString() {
        return call + " (routed to the simulation on a simulation's thread)";
    }
}
