package dev.lockstep.time;

import dev.lockstep.future.JoinHandle;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One submission to a {@link VirtualScheduledExecutor}: its command, its schedule, and the outcome
 * its {@code ScheduledFuture} reports. The simulation task that runs it is a {@link ScheduledRun}.
 *
 * <p>States ({@link #state}):
 * <pre>
 *   PENDING --the run ends--> NORMAL          (one-shot)
 *           --command threw--> EXCEPTIONAL    (later periodic runs are suppressed)
 *           --cancel, shutdown of a periodic task, task aborted--> CANCELLED
 * </pre>
 * A {@code PENDING} task is waiting for its time, executing, or drained: removed by
 * {@code shutdownNow()} before it ran, in which case it stays {@code PENDING} (as in the JDK) until
 * someone calls {@link #run()} or {@link #cancel}.
 *
 * <p>Confined to the simulation's thread like its executor: {@code get}, {@code cancel} and
 * {@code run} check the calling thread; the read-only methods do not.
 */
final class ScheduledTask<V> implements RunnableScheduledFuture<V> {
    /** Not finished: waiting, executing, or drained. */
    static final int PENDING = 0;
    /** Completed; {@link #result} holds the value. */
    static final int NORMAL = 1;
    /** The command threw; {@link #failure} holds the exception. */
    static final int EXCEPTIONAL = 2;
    /** Cancelled before it completed. */
    static final int CANCELLED = 3;

    final VirtualScheduledExecutor executor;
    /** Submission order within the executor, from 1: the tie-break of {@link #compareTo}. */
    final long seq;
    /**
     * The name of its simulation task: the user's ({@code VirtualScheduledExecutor.named}), or the
     * submitting code's {@code Class.method} with the executor's name and {@link #seq}.
     */
    final String name;
    final Callable<V> command;
    /** 0: one-shot; {@code > 0}: fixed rate with this period; {@code < 0}: fixed delay of {@code -period}. */
    final long period;
    /** Whether a failure also fails the simulation task: {@code execute()} has no future to report it to. */
    final boolean failsTask;
    /** Virtual time of the next run (the only run, for a one-shot), in nanoseconds. */
    long time;
    /** The simulation task that runs it; set right after submission. */
    JoinHandle<Void> handle;
    /** One of PENDING, NORMAL, EXCEPTIONAL, CANCELLED. */
    int state = PENDING;
    V result;
    Throwable failure;
    /** Removed by {@code shutdownNow()} before it ran: its simulation task is gone. */
    boolean drained;
    /** Inside its command, or in the simulated work the command declared. */
    boolean executing;
    /** Simulated work the running command declared with {@code simulateWork}, in nanoseconds. */
    long work;
    /** The order in which this task finished among its executor's tasks (0 until it has). */
    long doneOrder;

    ScheduledTask(VirtualScheduledExecutor executor, long seq, String name, Callable<V> command, long time,
            long period, boolean failsTask) {
        this.executor = executor;
        this.seq = seq;
        this.name = name;
        this.command = command;
        this.time = time;
        this.period = period;
        this.failsTask = failsTask;
    }

    /** Records the outcome, once, and tells the executor (termination, waiters). */
    void complete(int outcome, V value, Throwable error) {
        if (state != PENDING) {
            return;
        }
        state = outcome;
        result = value;
        failure = error;
        executor.finished(this);
    }

    @Override
    public boolean isPeriodic() {
        return period != 0;
    }

    @Override
    public boolean isDone() {
        return state != PENDING;
    }

    @Override
    public boolean isCancelled() {
        return state == CANCELLED;
    }

    /**
     * Cancels the task if it has not completed: its future reports {@link CancellationException} at
     * once and its simulation task is aborted, releasing its timer. A command that is on the stack
     * (the task cancelling itself) finishes first; simulated work in progress is cut short only when
     * {@code mayInterruptIfRunning}, and otherwise runs to its end, as an uninterrupted command would.
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        executor.confine("ScheduledFuture.cancel() of " + name);
        if (state != PENDING) {
            return false;
        }
        complete(CANCELLED, null, null);
        if (!executor.isInCommand(this) && (!executing || mayInterruptIfRunning)) {
            handle.abort();
        }
        return true;
    }

    /**
     * Runs the command now, once, on the calling thread, as {@code FutureTask.run} does: a one-shot
     * completes its future and its scheduled run is dropped; a periodic task keeps its schedule,
     * unless it was drained by {@code shutdownNow()}, in which case it is cancelled after the run.
     * Does nothing once the task is done or while it executes. Simulated work declared by the
     * command is ignored here: no simulation task waits for it.
     */
    @Override
    public void run() {
        executor.confine("run() of " + name);
        if (state != PENDING || executing) {
            return;
        }
        V value = null;
        Throwable error = null;
        executing = true;
        try {
            value = executor.invoke(this);
        } catch (Throwable t) {
            error = t;
        } finally {
            executing = false;
            work = 0;
        }
        if (error != null) {
            complete(EXCEPTIONAL, null, error);
        } else if (!isPeriodic()) {
            complete(NORMAL, value, null);
        } else if (drained) {
            complete(CANCELLED, null, null);
        }
        if (isDone() && !drained) {
            handle.abort();
        }
        if (error != null && failsTask) {
            throw ScheduledRun.unchecked(error);
        }
    }

    /**
     * The result, waiting for it in virtual time if the task is not done: outside a run (test
     * code), by running the simulation until the task completes; inside a task, it cannot wait and
     * throws {@link IllegalStateException} instead of blocking the simulation's only thread.
     */
    @Override
    public V get() throws ExecutionException {
        executor.confine("ScheduledFuture.get() of " + name);
        if (state == PENDING) {
            requireNotDrained();
            executor.await("get() of " + this, this::isDone, Long.MAX_VALUE);
        }
        return report();
    }

    /**
     * As {@link #get()}, waiting at most {@code timeout} of virtual time; a zero timeout never waits
     * and may be used inside a task.
     *
     * @throws TimeoutException if the task is not done by then
     */
    @Override
    public V get(long timeout, TimeUnit unit) throws ExecutionException, TimeoutException {
        executor.confine("ScheduledFuture.get(timeout) of " + name);
        long nanos = unit.toNanos(timeout);
        if (state == PENDING) {
            requireNotDrained();
            if (!executor.await("get(" + Duration.ofNanos(nanos) + ") of " + this, this::isDone, nanos)) {
                throw new TimeoutException(name + " not done after " + Duration.ofNanos(Math.max(0, nanos))
                        + " of virtual time (" + executor.describe() + ")");
            }
        }
        return report();
    }

    private void requireNotDrained() {
        if (drained) {
            throw new IllegalStateException("get() of " + this + " would wait forever: shutdownNow() removed it"
                    + " before it ran, so it completes only if you run() or cancel() the task shutdownNow()"
                    + " returned (" + executor.describe() + ")");
        }
    }

    private V report() throws ExecutionException {
        return switch (state) {
            case NORMAL -> result;
            case EXCEPTIONAL -> throw new ExecutionException(name + " failed: " + failure, failure);
            case CANCELLED -> throw new CancellationException(name + " was cancelled");
            default -> throw new IllegalStateException("not done: " + this);
        };
    }

    /** Virtual time until the next run; negative once it is due. */
    @Override
    public long getDelay(TimeUnit unit) {
        return unit.convert(time - executor.nanos(), TimeUnit.NANOSECONDS);
    }

    /** By next run time, then submission order; another kind of {@link Delayed} by delay. */
    @Override
    public int compareTo(Delayed other) {
        if (other == this) {
            return 0;
        }
        if (other instanceof ScheduledTask<?> t) {
            int c = Long.compare(time, t.time);
            return c != 0 ? c : Long.compare(seq, t.seq);
        }
        return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public String toString() {
        String kind = period == 0 ? "at " + Duration.ofNanos(time)
                : (period > 0 ? "every " + Duration.ofNanos(period) : "with delay " + Duration.ofNanos(-period))
                        + ", next at " + Duration.ofNanos(time);
        String outcome = switch (state) {
            case NORMAL -> "done";
            case EXCEPTIONAL -> "failed: " + failure;
            case CANCELLED -> "cancelled";
            default -> drained ? "drained by shutdownNow" : executing ? "executing" : "pending";
        };
        return "'" + name + "' (" + kind + ", " + outcome + ")";
    }
}
