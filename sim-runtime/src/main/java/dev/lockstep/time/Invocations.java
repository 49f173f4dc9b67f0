package dev.lockstep.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * {@code invokeAll} and {@code invokeAny} of a {@link VirtualScheduledExecutor}: submit every task
 * now, then wait in virtual time as {@link ExecutorWaiters} allows. Tasks are submitted together,
 * so the scheduler decides which runs first; "first to complete" means first in the run's order.
 */
final class Invocations {
    private Invocations() {}

    static <T> List<Future<T>> invokeAll(VirtualScheduledExecutor executor, ExecutorWaiters waiters,
            Collection<? extends Callable<T>> tasks, long timeoutNanos) {
        waiters.requireCanWait("invokeAll()");
        List<ScheduledTask<T>> submitted = submitAll(executor, "invokeAll", tasks);
        boolean allDone = waiters.await("invokeAll()",
                () -> submitted.stream().allMatch(ScheduledTask::isDone), timeoutNanos);
        if (!allDone) {
            submitted.forEach(t -> t.cancel(true));
        }
        return new ArrayList<>(submitted);
    }

    static <T> T invokeAny(VirtualScheduledExecutor executor, ExecutorWaiters waiters,
            Collection<? extends Callable<T>> tasks, long timeoutNanos) throws ExecutionException, TimeoutException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("invokeAny: no tasks");
        }
        waiters.requireCanWait("invokeAny()");
        List<ScheduledTask<T>> submitted = submitAll(executor, "invokeAny", tasks);
        boolean settled = waiters.await("invokeAny()", () -> first(submitted, ScheduledTask.NORMAL) != null
                || submitted.stream().allMatch(ScheduledTask::isDone), timeoutNanos);
        ScheduledTask<T> winner = first(submitted, ScheduledTask.NORMAL);
        submitted.forEach(t -> t.cancel(true));
        if (winner != null) {
            return winner.result;
        }
        if (!settled) {
            throw new TimeoutException("invokeAny: no task completed within " + Duration.ofNanos(timeoutNanos)
                    + " of virtual time (" + executor.describe() + ")");
        }
        ScheduledTask<T> last = null;
        for (ScheduledTask<T> t : submitted) {
            if (t.state == ScheduledTask.EXCEPTIONAL && (last == null || t.doneOrder > last.doneOrder)) {
                last = t;
            }
        }
        throw new ExecutionException("invokeAny: no task completed normally (" + executor.describe() + ")",
                last != null ? last.failure : new IllegalStateException("every task was cancelled"));
    }

    private static <T> List<ScheduledTask<T>> submitAll(VirtualScheduledExecutor executor, String call,
            Collection<? extends Callable<T>> tasks) {
        List<Callable<T>> copy = new ArrayList<>();
        for (Callable<T> c : tasks) {
            copy.add(Objects.requireNonNull(c, call + ": a task is null"));
        }
        List<ScheduledTask<T>> out = new ArrayList<>(copy.size());
        for (Callable<T> c : copy) {
            out.add(executor.submitTask(call, c, 0, 0, false));
        }
        return out;
    }

    /** The task that reached {@code state} first, or null. */
    private static <T> ScheduledTask<T> first(List<ScheduledTask<T>> tasks, int state) {
        ScheduledTask<T> first = null;
        for (ScheduledTask<T> t : tasks) {
            if (t.state == state && (first == null || t.doneOrder < first.doneOrder)) {
                first = t;
            }
        }
        return first;
    }
}
