package dev.lockstep.time;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.TimerRegistration;
import dev.lockstep.internal.Deadlines;

/**
 * The simulation task of one {@link ScheduledTask}: waits for the task's virtual time, runs its
 * command, waits out the work the command declared, and for a periodic task starts over.
 *
 * <h2>Returns</h2>
 * {@code Ready(null)} when the task is done (completed, failed, cancelled or stopped by shutdown);
 * {@code Pending} while it waits, with one timer registration for the latest waker.
 *
 * <h2>Determinism</h2>
 * Each run happens in a poll of this task, so tasks due at the same virtual time are woken by their
 * timers in registration order and then polled in the order the scheduler chooses. A fixed-rate
 * run that ends after its next start time (simulated work longer than the period) registers a
 * timer for "now": the next run starts late, after other runnable tasks had their chance, and runs
 * never overlap, as the JDK documents.
 *
 * <h2>Errors</h2>
 * A command's exception completes the task exceptionally; the task itself then completes normally,
 * except for {@code execute()} submissions, whose task rethrows it so that the run fails with a
 * {@code TaskFailedException} rather than dropping it.
 *
 * <h2>Cancellation</h2>
 * Aborting the task (its future cancelled, a host crash, {@code Simulation.shutdown()}) releases
 * the timer and cancels the scheduled task, unless {@code shutdownNow()} drained it.
 */
final class ScheduledRun<V> implements Future<Void>, Cancellable {
    private final ScheduledTask<V> task;
    private TimerRegistration timer;
    /** The deadline {@link #timer} was registered for. */
    private long timerDeadline = -1;
    /** Virtual time at which the current run's simulated work ends, or -1 outside such work. */
    private long workEnd = -1;
    private V value;
    private Throwable failure;

    ScheduledRun(ScheduledTask<V> task) {
        this.task = task;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        if (task.state != ScheduledTask.PENDING) {
            releaseTimer();
            return Poll.ready(null);
        }
        long now = cx.runtime().nanos();
        if (workEnd >= 0) {
            if (now < workEnd) {
                return waitUntil(workEnd, cx);
            }
            workEnd = -1;
            task.executing = false;
            return endRun(cx, now);
        }
        if (now < task.time) {
            return waitUntil(task.time, cx);
        }
        value = null;
        failure = null;
        task.executing = true;
        try {
            value = task.executor.invoke(task);
        } catch (Throwable t) {
            failure = t;
        }
        long work = task.work;
        task.work = 0;
        if (work > 0 && task.state == ScheduledTask.PENDING) {
            workEnd = Deadlines.after(now, work);
            return waitUntil(workEnd, cx);
        }
        task.executing = false;
        return endRun(cx, now);
    }

    private Poll<Void> endRun(Context cx, long now) {
        V v = value;
        Throwable f = failure;
        value = null;
        failure = null;
        if (task.state != ScheduledTask.PENDING) {
            // Cancelled by its own command, or while it worked.
            releaseTimer();
            return Poll.ready(null);
        }
        if (f != null) {
            releaseTimer();
            task.complete(ScheduledTask.EXCEPTIONAL, null, f);
            if (task.failsTask) {
                throw unchecked(f);
            }
            return Poll.ready(null);
        }
        if (!task.isPeriodic()) {
            releaseTimer();
            task.complete(ScheduledTask.NORMAL, v, null);
            return Poll.ready(null);
        }
        if (task.executor.isShutdownInternal()) {
            // The JDK's default policy: periodic tasks do not continue after shutdown().
            releaseTimer();
            task.complete(ScheduledTask.CANCELLED, null, null);
            return Poll.ready(null);
        }
        task.time = task.period > 0 ? Deadlines.after(task.time, task.period) : Deadlines.after(now, -task.period);
        return waitUntil(task.time, cx);
    }

    private Poll<Void> waitUntil(long deadline, Context cx) {
        if (timer != null && timer.isActive() && timerDeadline == deadline) {
            timer.updateWaker(cx.waker());
        } else {
            releaseTimer();
            timer = cx.runtime().wakeAt(deadline, cx.waker());
            timerDeadline = deadline;
        }
        return Poll.pending();
    }

    private void releaseTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
            timerDeadline = -1;
        }
    }

    @Override
    public void cancel() {
        releaseTimer();
        workEnd = -1;
        task.executing = false;
        if (!task.drained) {
            task.complete(ScheduledTask.CANCELLED, null, null);
        }
    }

    /** {@code t} itself when unchecked; a checked one (from a Callable) wrapped, for rethrowing from a poll. */
    static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("scheduled command threw " + t, t);
    }

    @Override
    public String toString() {
        return "ScheduledRun[" + task + "]";
    }
}
