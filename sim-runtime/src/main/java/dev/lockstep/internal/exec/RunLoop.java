package dev.lockstep.internal.exec;

import dev.lockstep.internal.schedule.RunQueue;
import dev.lockstep.internal.schedule.SchedulePolicy;
import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceHash;
import java.util.ArrayList;
import java.util.List;

/**
 * What a simulation does next: the loop that {@code blockOn} and {@code advance} run.
 *
 * <h2>One turn</h2>
 * <ol>
 *   <li>A report from another thread fails the run ({@link ForeignThreads}).
 *   <li>Timers due now fire.
 *   <li>If a task is runnable: past {@code maxSteps} the run fails; otherwise the fault injector
 *       may deliver held wakes or add a spurious poll, the {@link dev.lockstep.internal.schedule.SchedulePolicy} picks a task
 *       (the injector may defer it for another), the injector may move its future or give it a
 *       fresh waker, and {@link TaskLifecycle} polls it.
 *   <li>If none is: the fault injector may deliver held wakes or poll a waiting task spuriously,
 *       and the loop looks again. Otherwise the clock jumps to the next timer, or, with none
 *       pending, the run is a deadlock.
 * </ol>
 * Each turn draws its choices in this order, so a run is a function of its choices.
 *
 * <h2>Livelock</h2>
 * With a livelock window of {@code n > 0} polls, a run whose last {@code n} polls made no progress
 * (no spawn, no finish, no clock move, no wake from a timer, event, I/O or other code: only tasks
 * waking tasks) fails at once with {@code LivelockException} naming the tasks it polled, rather
 * than spinning on to {@code maxSteps}.
 *
 * <h2>Errors</h2>
 * {@code DeadlockException} with the diagnosis of {@link Deadlocks}, {@code StepLimitException}
 * past {@code maxSteps} (or past {@code maxVirtualTime}, from {@link SimTimers}), {@code LivelockException}, and
 * {@code NondeterminismException}; all propagate to {@code blockOn}, which ends the run.
 */
public final class RunLoop {
    private final Kernel sim;
    private final Trace trace;
    private final TaskLifecycle tasks;
    private final RunQueue<Task> runQueue;
    private final SimTimers timers;
    private final ForeignThreads threads;
    private final FaultInjector faults;
    private final SchedulePolicy<Task> policy;
    private final long maxSteps;
    /** The livelock window in polls; 0 is off. */
    private final long livelockSteps;
    /** {@link TaskLifecycle#progress()} when last seen to change, and the step it changed at. */
    private long lastProgress = -1;
    private long stillSince;

    RunLoop(Kernel sim, Trace trace, TaskLifecycle tasks, SimTimers timers, ForeignThreads threads,
            FaultInjector faults, SchedulePolicy<Task> policy, long maxSteps, long livelockSteps) {
        this.sim = sim;
        this.trace = trace;
        this.tasks = tasks;
        this.runQueue = tasks.runQueue();
        this.timers = timers;
        this.threads = threads;
        this.faults = faults;
        this.policy = policy;
        this.maxSteps = maxSteps;
        this.livelockSteps = livelockSteps;
    }

    /**
     * Runs until {@code root} is done, moving the clock as needed; or, between two polls, until the
     * run asks to move to a virtual thread ({@link ForeignThreads#wantsVirtualDriver}), when
     * {@code blockOn} continues it there with another call.
     */
    public void runUntil(Task root) {
        while (!root.isDone() && !threads.wantsVirtualDriver()) {
            threads.throwIfReported();
            timers.fireDue();
            if (runQueue.isEmpty()) {
                if (faults.whenIdle()) {
                    continue;
                }
                if (timers.isEmpty()) {
                    throw Deadlocks.diagnose(sim, tasks.live(), root);
                }
                timers.advanceToNext();
                continue;
            }
            pollNext();
        }
    }

    /**
     * Runs every task and fires every timer up to virtual time {@code target}, then moves the
     * clock to {@code target}: {@code Simulation.advance}.
     */
    public void runUntilTime(long target) {
        while (true) {
            runRunnable();
            if (timers.isEmpty() || timers.nextDeadline() > target) {
                break;
            }
            timers.advanceTo(timers.nextDeadline());
        }
        timers.idleTo(target);
    }

    /**
     * Fires due timers and polls one runnable task, without moving the clock:
     * {@code Simulation.stepOnce}. Held wakes are delivered first when nothing else is runnable.
     *
     * @return whether a task was polled
     */
    public boolean pollOne() {
        threads.throwIfReported();
        timers.fireDue();
        while (runQueue.isEmpty()) {
            if (!faults.whenIdle()) {
                return false;
            }
        }
        pollNext();
        return true;
    }

    /** Polls runnable tasks until none is left, without moving the clock (also {@code runUntilIdle}). */
    public void runRunnable() {
        while (true) {
            threads.throwIfReported();
            timers.fireDue();
            if (runQueue.isEmpty()) {
                // As in runUntil: delivering held wakes may schedule nothing (their task finished),
                // so look at the run queue again rather than polling from it.
                if (faults.whenIdle()) {
                    continue;
                }
                return;
            }
            pollNext();
        }
    }

    private void pollNext() {
        if (tasks.step() >= maxSteps) {
            throw stepLimitReached();
        }
        if (livelockSteps > 0) {
            long p = tasks.progress();
            if (p != lastProgress) {
                lastProgress = p;
                stillSince = tasks.step();
            } else if (tasks.step() - stillSince >= livelockSteps) {
                throw livelock(stillSince);
            }
        }
        faults.beforePick();
        Task next = faults.pickNext(runQueue, policy);
        faults.beforePoll(next);
        tasks.poll(next);
    }

    // Built apart from pollNext, which runs once per poll, to keep that method small.
    private RuntimeException stepLimitReached() {
        return sim.errors().stepLimit("step limit reached: " + maxSteps + " polls without the run completing"
                + " (livelock, or a busy loop that never sleeps?); raise maxSteps if the run is just long.\n"
                + "last events:\n" + Trace.format(trace.tail(20)), tasks.step(), timers.nanos(), sim.replayString());
    }

    /** The livelock verdict: the tasks polled in the second half of the window since {@code since}. */
    private RuntimeException livelock(long since) {
        List<String> names = new ArrayList<>();
        long recent = since + livelockSteps / 2;
        for (Task t : tasks.live()) {
            if (t.lastPendingStep >= recent) {
                names.add(t.toString());
            }
        }
        String who = names.isEmpty() ? "the remaining tasks" : names.size() == 1 ? "task " + names.get(0)
                : "tasks " + String.join(", ", names);
        String message = "livelock: " + who + " kept waking " + (names.size() == 1 ? "itself" : "each other or"
                + " themselves") + " for " + livelockSteps + " polls in a row (since step " + since + ", t="
                + TraceHash.time(sim.nanos()) + ") with no progress: the clock stood still, no timer fired, no task"
                + " was spawned or finished, nothing outside the tasks woke one. Fix the busy wake (a waker called on"
                + " every poll, a yield loop waiting for a condition no task changes); if the run really spins this"
                + " long, raise livelockSteps.\nlast events:\n" + Trace.format(trace.tail(12));
        return sim.errors().livelock(message, names, sim.step(), sim.nanos(), sim.replayString());
    }
}
