package dev.lockstep.runtime;

import dev.lockstep.future.TimerRegistration;
import dev.lockstep.future.Waker;
import dev.lockstep.internal.timer.TimerEntry;
import dev.lockstep.internal.timer.TimerQueue;
import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;
import dev.lockstep.trace.TraceHash;

/**
 * A simulation's virtual clock and its pending timers: setting and cancelling them, moving the
 * clock to the next one, and firing those that are due, each with its trace event.
 *
 * <h2>Time</h2>
 * The clock starts at 0 and only moves forward: to the deadline of the next timer when nothing is
 * runnable ({@link #advanceTo}, traced as {@code ClockAdvanced}), or to the target of
 * {@code Simulation.advance} once nothing before it is due ({@link #idleTo}, not traced). A deadline
 * in the past is due now.
 *
 * <h2>Firing</h2>
 * Due timers fire in (deadline, registration) order, each traced as {@code FIRED} before it acts.
 * A waker timer wakes its waker and an action timer (an event source's {@code runAt}) runs its
 * action; wakes made meanwhile are labelled {@code "timer"} and {@code "event"} in the trace. A timer
 * set while firing with a deadline not after now fires in the same round.
 *
 * <h2>Errors</h2>
 * Moving the clock past {@code maxVirtualTime} throws {@link StepLimitException} instead.
 *
 * <p>Single-threaded: only the simulation's thread calls in.
 */
final class SimTimers {
    private final Simulation sim;
    private final Trace trace;
    private final TimerQueue queue = new TimerQueue();
    private final long maxVirtualNanos;
    /** Virtual nanoseconds since the start; never decreases. */
    private long nanos;

    SimTimers(Simulation sim, Trace trace, long maxVirtualNanos) {
        this.sim = sim;
        this.trace = trace;
        this.maxVirtualNanos = maxVirtualNanos;
    }

    /** Virtual nanoseconds since the start. */
    long nanos() {
        return nanos;
    }

    /** Number of timers and events pending. */
    int size() {
        return queue.size();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** The earliest deadline; only when not empty. */
    long nextDeadline() {
        return queue.peekDeadline();
    }

    /**
     * Sets a timer that wakes {@code waker}, or runs {@code action}, at {@code deadline} (now, if
     * that has passed), credited to the task being polled.
     */
    TimerRegistration add(long deadline, Waker waker, Runnable action) {
        if (deadline < 0) {
            throw new IllegalArgumentException("timer deadline must be >= 0 ns, got " + deadline);
        }
        Task current = sim.tasks().current();
        int owner = current != null ? current.id : -1;
        String ownerName = current != null ? current.name : (action != null ? "event" : "-");
        TimerEntry e = new TimerEntry(this::cancel, Math.max(deadline, nanos), owner, ownerName, waker, action);
        queue.add(e);
        trace.add(new TraceEvent.Timer(sim.step(), nanos, owner, ownerName, TraceEvent.TimerAction.SET, e.deadlineNanos()));
        return e;
    }

    /** Cancels {@code e} if it is still pending; a fired or cancelled timer is left alone. */
    void cancel(TimerEntry e) {
        if (queue.remove(e)) {
            trace.add(new TraceEvent.Timer(sim.step(), nanos, e.owner(), e.ownerName(), TraceEvent.TimerAction.CANCELLED,
                    e.deadlineNanos()));
        }
    }

    /** Every pending timer, in heap order (for diagnosis only). */
    TimerEntry[] pendingEntries() {
        return queue.snapshot();
    }

    /** Fires every timer that is due now. */
    void fireDue() {
        if (!queue.isEmpty() && queue.peekDeadline() <= nanos) {
            fireUpTo(nanos);
        }
    }

    /**
     * Moves the clock to {@code deadline} (if later than now) and fires every timer then due.
     *
     * @throws StepLimitException if {@code deadline} is past {@code maxVirtualTime}
     */
    void advanceTo(long deadline) {
        if (deadline > maxVirtualNanos) {
            throw new StepLimitException("virtual time limit reached: the next event is at "
                    + TraceHash.time(deadline) + ", past maxVirtualTime " + TraceHash.time(maxVirtualNanos)
                    + "; raise maxVirtualTime if the run is just long.\nlast events:\n" + Trace.format(trace.tail(20)),
                    sim.step(), nanos, sim.replayString());
        }
        if (deadline > nanos) {
            trace.add(new TraceEvent.ClockAdvanced(sim.step(), deadline, nanos));
            nanos = deadline;
            sim.tasks().noteProgress();
        }
        fireUpTo(nanos);
    }

    /**
     * Moves the clock to {@code target}, which no pending timer precedes, without a trace event
     * or a limit check: the last step of {@code Simulation.advance}.
     */
    void idleTo(long target) {
        nanos = target;
    }

    private void fireUpTo(long now) {
        TaskLifecycle tasks = sim.tasks();
        while (!queue.isEmpty() && queue.peekDeadline() <= now) {
            TimerEntry e = queue.poll();
            e.markFired();
            trace.add(new TraceEvent.Timer(sim.step(), nanos, e.owner(), e.ownerName(), TraceEvent.TimerAction.FIRED,
                    e.deadlineNanos()));
            if (e.action() != null) {
                tasks.labelWakes("event");
                try {
                    e.action().run();
                } finally {
                    tasks.labelWakes("external");
                }
            } else {
                tasks.labelWakes("timer");
                try {
                    e.waker().wakeByRef();
                } finally {
                    tasks.labelWakes("external");
                }
            }
        }
    }
}
