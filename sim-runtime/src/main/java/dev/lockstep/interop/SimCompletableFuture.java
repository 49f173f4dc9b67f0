package dev.lockstep.interop;

import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.future.TimeoutExpiredException;
import dev.lockstep.internal.TaskLabels;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.time.VirtualScheduledExecutor;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code CompletableFuture} that {@link Interop#toCompletableFuture} returns, and every stage
 * derived from it: a {@code CompletableFuture} that stays inside the simulation.
 *
 * <ul>
 *   <li>{@code *Async} methods without an executor run on a {@link VirtualScheduledExecutor} of
 *       the simulation (its {@link #defaultExecutor()}), not on the common pool;
 *   <li>{@link #orTimeout} and {@link #completeOnTimeout} count virtual time;
 *   <li>{@link #get()} and {@link #join()} on a pending future never block the simulation's thread:
 *       outside a run they run the simulation until it completes (when made from a
 *       {@link Simulation}); inside a task they throw {@link IllegalStateException}.
 * </ul>
 * A thread other than the simulation's may still block in {@code get()}, as on any
 * {@code CompletableFuture}.
 */
final class SimCompletableFuture<T> extends CompletableFuture<T> {
    private final Simulation sim;
    private final RuntimeHandle runtime;
    private final VirtualScheduledExecutor executor;

    SimCompletableFuture(Simulation sim, RuntimeHandle runtime, VirtualScheduledExecutor executor) {
        this.sim = sim;
        this.runtime = runtime;
        this.executor = executor;
    }

    /**
     * The executor of the {@code *Async} stage being registered now: the simulation's, naming the
     * stage's task after the code registering it ({@code Class.method/async-<n>}), since the task
     * is submitted later from whatever completes this future. The JDK asks for it when a stage is
     * registered ({@code thenApplyAsync(fn)} is {@code thenApplyAsync(fn, defaultExecutor())}).
     */
    @Override
    public Executor defaultExecutor() {
        String site = TaskLabels.callSite();
        return command -> executor.execute(TaskLabels.onBehalfOf(site, command));
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new SimCompletableFuture<>(sim, runtime, executor);
    }

    @Override
    public CompletableFuture<T> orTimeout(long timeout, TimeUnit unit) {
        return executor.orTimeout(this, timeout, unit);
    }

    @Override
    public CompletableFuture<T> completeOnTimeout(T value, long timeout, TimeUnit unit) {
        return executor.completeOnTimeout(this, value, timeout, unit);
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        if (!isDone() && runtime.isRuntimeThread()) {
            awaitDone("get()", null);
        }
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        if (!isDone() && runtime.isRuntimeThread()) {
            Duration limit = Duration.ofNanos(unit.toNanos(timeout));
            if (limit.isZero() || limit.isNegative() || !awaitDone("get(" + limit + ")", limit)) {
                throw new TimeoutException("not completed within " + limit + " of virtual time ("
                        + runtime.describe() + ")");
            }
        }
        return super.get(timeout, unit);
    }

    @Override
    public T join() {
        if (!isDone() && runtime.isRuntimeThread()) {
            awaitDone("join()", null);
        }
        return super.join();
    }

    /** Runs the simulation until this future is done, or {@code limit} elapses; see the class comment. */
    private boolean awaitDone(String what, Duration limit) {
        if (runtime.currentTaskId() >= 0) {
            throw new IllegalStateException(what + " on a pending CompletableFuture would block task '"
                    + runtime.currentTaskName() + "' and with it the simulation's only thread ("
                    + runtime.describe() + "): await Interop.fromCompletionStage(future) instead");
        }
        if (sim == null) {
            throw new IllegalStateException(what + " on a pending CompletableFuture cannot wait: it was made"
                    + " with a RuntimeHandle, which cannot run the simulation; use toCompletableFuture(future, sim)"
                    + " to wait from test code (" + runtime.describe() + ")");
        }
        dev.lockstep.future.Future<Object> done = new StageFuture<>(handle((v, e) -> null)).start();
        if (limit != null) {
            done = done.timeout(limit);
        }
        try {
            sim.blockOn(done);
        } catch (TimeoutExpiredException e) {
            return isDone();
        }
        return true;
    }
}
