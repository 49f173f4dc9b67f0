package dev.lockstep.time;

import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.internal.Deadlines;
import dev.lockstep.internal.TaskLabels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A {@link ScheduledExecutorService} whose tasks run as simulation tasks in virtual time, so that
 * unmodified code that takes an executor runs deterministically. Get one with
 * {@link Simulation#scheduledExecutor()} or {@link #of(RuntimeHandle)} (from inside a task).
 *
 * <h2>Scheduling</h2>
 * Each submission becomes one simulation task, spawned when it is submitted (so it belongs to the
 * submitter's simulated host, and a host crash cancels it) and named after the code that submitted it, {@code Class.method/<executor>-<n>}, or as {@link #named} says. It
 * first runs when the virtual clock reaches its time; tasks due at the same time are woken in
 * submission order and then polled in the order the scheduler chooses, so their order is a
 * recorded choice like any other. A command runs within one poll and takes no virtual time, unless
 * it declares some with {@link #simulateWork(Duration)}; that is what tells fixed-rate from
 * fixed-delay tasks apart. Concurrency is unbounded: a command never waits for another to finish.
 *
 * <h2>Returns</h2>
 * The futures returned are {@code RunnableScheduledFuture}s, as the JDK's: {@code get()} returns
 * the value, or throws {@code ExecutionException} with the command's exception, or
 * {@code CancellationException}. A periodic task's future completes only by cancellation or
 * failure; an exception in one of its runs suppresses the later runs.
 *
 * <h2>Waiting</h2>
 * Tasks share the simulation's only thread, so a task can never block on this executor: inside a
 * task, {@code get()}, {@code invokeAll} and {@code invokeAny} on work that is not done throw
 * {@link IllegalStateException} (await {@code CompletableFuture.supplyAsync(.., executor)} through
 * {@code Interop.fromCompletionStage} instead), and {@link #awaitTermination} returns the current
 * state at once (await {@link #whenTerminated()} instead). Outside a run, from test code, these
 * methods wait in virtual time: they run the simulation ({@code sim.blockOn}) until the condition
 * holds or the timeout elapses, which needs an executor made from the simulation.
 *
 * <h2>Shutdown</h2>
 * As {@code ScheduledThreadPoolExecutor} with its default policies: after {@link #shutdown()} new
 * submissions are rejected with {@link RejectedExecutionException}, delayed one-shot tasks still
 * run, and periodic tasks are cancelled (one that is executing finishes its run first).
 * {@link #shutdownNow()} also removes every task that is not executing and returns them
 * uncancelled, as the JDK does. The executor is terminated once it is shut down and no task is
 * waiting or executing.
 *
 * <h2>Errors</h2>
 * A command's exception goes to its future. A command given to {@link #execute} has no future, so
 * its exception fails its simulation task, and with it the run ({@code TaskFailedException}),
 * instead of being dropped. Messages name the executor, the task, the step, the virtual time and
 * the replay string.
 *
 * <h2>Threads</h2>
 * Every method must be called on the simulation's thread. A call from another thread is reported
 * to the simulation, which fails the run with a {@code NondeterminismException} naming the thread,
 * and throws {@link IllegalStateException} to the caller.
 *
 * <h2>CompletableFuture</h2>
 * {@code CompletableFuture.orTimeout}, {@code completeOnTimeout} and {@code delayedExecutor} wait
 * on a JDK-internal thread in real time, so in a simulation they never fire in virtual time and,
 * when they do fire, they complete from a foreign thread. Use {@link #orTimeout},
 * {@link #completeOnTimeout} and {@link #delayedExecutor} of this executor instead.
 */
public final class VirtualScheduledExecutor implements ScheduledExecutorService {
    private final RuntimeHandle runtime;
    private final String name;
    private long nextSeq = 1;
    private long doneCount;
    private boolean shutdown;
    /** Where shutdown happened, for rejection messages; null while running. */
    private String shutdownWhere;
    /** Tasks that will still run or are executing, in submission order. */
    private final LinkedHashSet<ScheduledTask<?>> active = new LinkedHashSet<>();
    /** Who waits for a task to finish or the executor to terminate. */
    private final ExecutorWaiters waiters;
    /** The task whose command is on the stack, or null. */
    private ScheduledTask<?> running;

    private VirtualScheduledExecutor(RuntimeHandle runtime, BlockingRuntime sim, String name) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.name = Objects.requireNonNull(name, "name");
        this.waiters = new ExecutorWaiters(runtime, sim, name);
    }

    /** An executor named {@code "scheduled"} over {@code sim}; the same as {@code sim.scheduledExecutor()}. */
    public static VirtualScheduledExecutor of(BlockingRuntime sim) {
        return of(sim, "scheduled");
    }

    /** An executor over {@code sim} whose tasks are named {@code Class.method/<name>-1}, ... after the code submitting them (see {@link #named}). */
    public static VirtualScheduledExecutor of(BlockingRuntime sim, String name) {
        return new VirtualScheduledExecutor(Objects.requireNonNull(sim, "sim").handle(), sim, name);
    }

    /**
     * An executor over the runtime polling a task ({@code cx.runtime()}). It cannot run the
     * simulation, so its blocking methods work only on completed tasks (see "Waiting").
     */
    public static VirtualScheduledExecutor of(RuntimeHandle runtime) {
        return of(runtime, "scheduled");
    }

    /** As {@link #of(RuntimeHandle)}, naming its tasks {@code <name>-<n>}. */
    public static VirtualScheduledExecutor of(RuntimeHandle runtime, String name) {
        return new VirtualScheduledExecutor(runtime, null, name);
    }

    // ---------------------------------------------------------------- submission

    /** Runs {@code command} as a task now; its exception fails the run (see "Errors"). */
    @Override
    public void execute(Runnable command) {
        submitTask("execute", callable(command, null), 0, 0, true);
    }

    @Override
    public Future<?> submit(Runnable task) {
        return submitTask("submit", callable(task, null), 0, 0, false);
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        return submitTask("submit", callable(task, result), 0, 0, false);
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        return submitTask("submit", task, 0, 0, false);
    }

    /** Runs {@code command} once, {@code delay} of virtual time from now (now if not positive). */
    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return submitTask("schedule", callable(command, null), unit.toNanos(delay), 0, false);
    }

    /** Calls {@code callable} once, {@code delay} of virtual time from now (now if not positive). */
    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return submitTask("schedule", callable, unit.toNanos(delay), 0, false);
    }

    /**
     * Runs {@code command} at {@code initialDelay}, then every {@code period} after that first
     * start. A run that ends late (simulated work longer than the period) delays the next start;
     * runs never overlap.
     *
     * @throws IllegalArgumentException if {@code period} is not positive
     */
    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        long p = unit.toNanos(period);
        if (p <= 0) {
            throw new IllegalArgumentException("scheduleAtFixedRate: period must be positive, got " + period + " " + unit);
        }
        return submitTask("scheduleAtFixedRate", callable(command, null), unit.toNanos(initialDelay), p, false);
    }

    /**
     * Runs {@code command} at {@code initialDelay}, then {@code delay} after the end of each run.
     *
     * @throws IllegalArgumentException if {@code delay} is not positive
     */
    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        long d = unit.toNanos(delay);
        if (d <= 0) {
            throw new IllegalArgumentException("scheduleWithFixedDelay: delay must be positive, got " + delay + " " + unit);
        }
        return submitTask("scheduleWithFixedDelay", callable(command, null), unit.toNanos(initialDelay), -d, false);
    }

    <V> ScheduledTask<V> submitTask(String call, Callable<V> command, long delayNanos, long period,
            boolean failsTask) {
        confine(call + "()");
        Objects.requireNonNull(command, call + ": the task is null");
        if (shutdown) {
            throw new RejectedExecutionException(call + "() rejected: executor '" + name + "' was shut down ("
                    + shutdownWhere + "); now: " + runtime.describe());
        }
        long time = Deadlines.after(runtime.nanos(), Math.max(0, delayNanos));
        long seq = nextSeq++;
        String taskName = TaskLabels.taskName(command, name, seq);
        ScheduledTask<V> t = new ScheduledTask<>(this, seq, taskName, command, time, period, failsTask);
        t.handle = runtime.spawn(t.name, new ScheduledRun<>(t));
        active.add(t);
        return t;
    }

    /**
     * {@code command}, carrying the name its task gets in the trace and in reports, instead of
     * the default {@code Class.method/<executor>-<n>} of the code that submitted it.
     */
    public static Runnable named(String name, Runnable command) {
        return new TaskLabels.NamedRunnable(Objects.requireNonNull(name, "name"), false,
                Objects.requireNonNull(command, "command"));
    }

    /**
     * An executor that runs each command as a task of this one named {@code name}: for code that
     * hands the executor commands it did not write, such as a {@code CompletableFuture} stage
     * ({@code cf.thenApplyAsync(fn, executor.naming("parse-reply"))}), where {@link #named} cannot
     * reach the command.
     */
    public Executor naming(String name) {
        Objects.requireNonNull(name, "name");
        return command -> execute(named(name, command));
    }

    /** As {@link #named(String, Runnable)}, for a {@code Callable}. */
    public static <V> Callable<V> named(String name, Callable<V> command) {
        return new TaskLabels.Named<>(Objects.requireNonNull(name, "name"), false,
                Objects.requireNonNull(command, "command"));
    }

    private static <T> Callable<T> callable(Runnable task, T result) {
        if (task instanceof TaskLabels.NamedRunnable n) {
            return n.toCallable(result);
        }
        Objects.requireNonNull(task, "the task is null");
        return Executors.callable(task, result);
    }

    // ---------------------------------------------------------------- invokeAll, invokeAny

    /**
     * Submits every task and, outside a run, runs the simulation until all are done.
     *
     * @throws IllegalStateException inside a task, before submitting anything (see "Waiting")
     */
    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) {
        return invokeAll(tasks, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    }

    /** As {@link #invokeAll(Collection)}; tasks not done after {@code timeout} of virtual time are cancelled. */
    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit) {
        confine("invokeAll()");
        return Invocations.invokeAll(this, waiters, tasks, unit.toNanos(timeout));
    }

    /**
     * Submits every task and, outside a run, runs the simulation until one completes normally,
     * returning the value of the first to do so and cancelling the rest.
     *
     * @throws ExecutionException       if none completes normally (the cause is the last failure)
     * @throws IllegalArgumentException if {@code tasks} is empty
     * @throws IllegalStateException    inside a task, before submitting anything (see "Waiting")
     */
    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws ExecutionException {
        try {
            return invokeAny(tasks, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("invokeAny without a timeout timed out", e);
        }
    }

    /** As {@link #invokeAny(Collection)}, giving up after {@code timeout} of virtual time. */
    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws ExecutionException, TimeoutException {
        confine("invokeAny()");
        return Invocations.invokeAny(this, waiters, tasks, unit.toNanos(timeout));
    }

    // ---------------------------------------------------------------- shutdown

    /** Rejects new tasks, cancels periodic ones, and lets delayed one-shot tasks run. Idempotent. */
    @Override
    public void shutdown() {
        confine("shutdown()");
        markShutdown();
        for (ScheduledTask<?> t : new ArrayList<>(active)) {
            if (t.isPeriodic() && !t.executing) {
                t.cancel(false);
            }
        }
        waiters.signal();
    }

    /**
     * Shuts down and removes every task that is not executing, returning them in submission order.
     * They are not cancelled (their futures stay pending), as in the JDK: {@code run()} one to run
     * it now, or cancel it. Executing tasks finish their current run.
     */
    @Override
    public List<Runnable> shutdownNow() {
        confine("shutdownNow()");
        markShutdown();
        List<Runnable> drained = new ArrayList<>();
        for (ScheduledTask<?> t : new ArrayList<>(active)) {
            if (!t.executing) {
                t.drained = true;
                active.remove(t);
                t.handle.abort();
                drained.add(t);
            }
        }
        waiters.signal();
        return drained;
    }

    private void markShutdown() {
        if (!shutdown) {
            shutdown = true;
            shutdownWhere = runtime.describe();
        }
    }

    @Override
    public boolean isShutdown() {
        confine("isShutdown()");
        return shutdown;
    }

    /** Whether the executor is shut down and no task is waiting or executing. */
    @Override
    public boolean isTerminated() {
        confine("isTerminated()");
        return shutdown && active.isEmpty();
    }

    /**
     * Outside a run, runs the simulation until the executor terminates or {@code timeout} of
     * virtual time elapses. Inside a task, or for an executor made from a runtime handle, it cannot
     * wait: it returns {@link #isTerminated()} at once (await {@link #whenTerminated()} instead).
     */
    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        confine("awaitTermination()");
        if (isTerminated() || !waiters.canWait()) {
            return isTerminated();
        }
        return waiters.await("awaitTermination()", this::isTerminated, unit.toNanos(timeout));
    }

    /**
     * Shuts down and, outside a run, waits until terminated. Inside a task it only shuts down: the
     * JDK's default {@code close()} would wait forever there.
     */
    @Override
    public void close() {
        shutdown();
        if (waiters.canWait()) {
            awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        }
    }

    /** A future that completes when the executor has terminated: the way to await termination in a task. */
    public dev.lockstep.future.Future<Void> whenTerminated() {
        return new ConditionFuture(waiters, this::isTerminated).map(ignored -> null);
    }

    // ---------------------------------------------------------------- virtual time helpers

    /**
     * Declares that the command now running on this executor takes {@code duration} of virtual
     * time: its run ends that much later. A one-shot task's future completes then; a fixed-delay
     * task's next run starts its delay after that; a fixed-rate task whose run outlasts its period
     * starts its next run late.
     *
     * @throws IllegalStateException if no command of this executor is running
     */
    public void simulateWork(Duration duration) {
        long nanos = Deadlines.nonNegativeNanos(duration, "simulateWork");
        if (running == null) {
            throw new IllegalStateException("simulateWork(" + duration + ") called outside a command of executor '"
                    + name + "' (" + runtime.describe() + "): call it from the Runnable or Callable it runs");
        }
        running.work = Deadlines.after(running.work, nanos);
    }

    /**
     * An executor that runs each command as a task of this executor {@code delay} of virtual time
     * later: the virtual-time {@code CompletableFuture.delayedExecutor(delay, unit, this)}. Use it
     * for delays and back-off in {@code CompletableFuture} chains ({@code supplyAsync(s,
     * executor.delayedExecutor(..))}). A command's exception fails the run, as with {@link #execute}.
     */
    public Executor delayedExecutor(long delay, TimeUnit unit) {
        long nanos = unit.toNanos(delay);
        return command -> submitTask("delayedExecutor(..).execute", callable(command, null), nanos, 0, true);
    }

    /**
     * Completes {@code future} exceptionally with a {@link TimeoutException} if it is not done
     * {@code timeout} of virtual time from now: the virtual-time {@code future.orTimeout(..)}. The
     * timer task is cancelled when {@code future} completes first.
     *
     * @return {@code future}
     * @throws RejectedExecutionException after shutdown
     */
    public <T> CompletableFuture<T> orTimeout(CompletableFuture<T> future, long timeout, TimeUnit unit) {
        Objects.requireNonNull(future, "future");
        long nanos = unit.toNanos(timeout);
        String limit = Duration.ofNanos(nanos).toString();
        return onTimeout("orTimeout", future, nanos, () -> future.completeExceptionally(new TimeoutException(
                "not completed within " + limit + " of virtual time (" + runtime.describe() + ")")));
    }

    /**
     * Completes {@code future} with {@code value} if it is not done {@code timeout} of virtual time
     * from now: the virtual-time {@code future.completeOnTimeout(..)}.
     *
     * @return {@code future}
     * @throws RejectedExecutionException after shutdown
     */
    public <T> CompletableFuture<T> completeOnTimeout(CompletableFuture<T> future, T value, long timeout,
            TimeUnit unit) {
        Objects.requireNonNull(future, "future");
        return onTimeout("completeOnTimeout", future, unit.toNanos(timeout), () -> future.complete(value));
    }

    private <T> CompletableFuture<T> onTimeout(String call, CompletableFuture<T> future, long nanos, Runnable fire) {
        confine(call + "()");
        if (future.isDone()) {
            return future;
        }
        ScheduledTask<Object> timer = submitTask(call, callable(fire, null), nanos, 0, true);
        future.whenComplete((v, e) -> {
            if (!timer.executing) {
                timer.cancel(false);
            }
        });
        return future;
    }

    // ---------------------------------------------------------------- package-private: tasks and waiting

    String name() {
        return name;
    }

    long nanos() {
        return runtime.nanos();
    }

    String describe() {
        return "executor '" + name + "', " + runtime.describe();
    }

    boolean isShutdownInternal() {
        return shutdown;
    }

    boolean isInCommand(ScheduledTask<?> t) {
        return running == t;
    }

    /** Calls {@code t}'s command with {@code t} as the running task (for {@link #simulateWork}). */
    <V> V invoke(ScheduledTask<V> t) throws Exception {
        ScheduledTask<?> outer = running;
        running = t;
        try {
            return t.command.call();
        } finally {
            running = outer;
        }
    }

    /** A task finished: it no longer counts towards termination, and waiters re-check. */
    void finished(ScheduledTask<?> t) {
        t.doneOrder = ++doneCount;
        active.remove(t);
        waiters.signal();
    }

    /** See {@link ExecutorWaiters#await}. */
    boolean await(String what, BooleanSupplier done, long timeoutNanos) {
        return waiters.await(what, done, timeoutNanos);
    }

    /** Reports a call from a thread other than the simulation's and throws; see "Threads". */
    void confine(String call) {
        if (!runtime.isRuntimeThread()) {
            String event = "ScheduledExecutorService " + call + " called";
            runtime.reportForeignThread(event, "executor '" + name + "'");
            throw new IllegalStateException(event + " on thread '" + Thread.currentThread().getName()
                    + "', not the simulation's (executor '" + name + "'): reported to the simulation, which fails"
                    + " the run at its next step. Call the executor from simulation tasks only");
        }
    }

    @Override
    public String toString() {
        return "VirtualScheduledExecutor['" + name + "', " + active.size() + " active"
                + (shutdown ? ", shut down" : "") + "]";
    }
}
