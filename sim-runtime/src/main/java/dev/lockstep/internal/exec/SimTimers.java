package dev.lockstep.internal.exec;

import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.TimerRegistration;
import dev.lockstep.future.Waker;
import dev.lockstep.internal.timer.TimerEntry;
import dev.lockstep.internal.timer.TimerQueue;
import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;
import dev.lockstep.trace.TraceHash;
import java.util.ArrayList;
import java.util.List;

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
 * <h2>Timer faults</h2>
 * With {@code timer-slack} on, each jump of the clock to the next timer may draw a window of
 * 1..{@code maxTimerSlack} ns and then either fire every timer due within the window together at
 * the latest of their deadlines, in a drawn order (choice 0: deadline order), or move the next
 * timer alone to a drawn later instant within the window. With {@code defer-timer} on, a due
 * timer that would fire while tasks are runnable may be held until nothing is runnable (the tasks
 * runnable then, and those their polls wake, have run), or for at most
 * {@value #MAX_HOLD_POLLS} polls, so a task that spins waiting for the timer costs polls, not a
 * livelock. Each timer is disturbed at most once, so neither fault can
 * hold a timer forever; neither makes a timer fire before its deadline. Both are
 * {@code TraceEvent.Fault}s credited to the timer's owner; off, they draw nothing.
 *
 * <h2>Errors</h2>
 * Moving the clock past {@code maxVirtualTime} throws {@code StepLimitException} instead.
 *
 * <p>Single-threaded: only the simulation's thread calls in.
 */
public final class SimTimers {
    /** The most polls a {@code defer-timer} fault holds a due timer for. */
    static final int MAX_HOLD_POLLS = 16;
    private final Kernel sim;
    private final Trace trace;
    private final TimerQueue queue = new TimerQueue();
    /** What each entry's {@code cancel()} calls: one for all of them, not a method reference per timer. */
    private final java.util.function.Consumer<TimerEntry> canceller = this::cancel;
    private final long maxVirtualNanos;
    /** Virtual nanoseconds since the start; never decreases. */
    private long nanos;
    /** Probability of {@code timer-slack} and {@code defer-timer}; 0 when off. */
    private double slack;
    private double defer;
    private long maxSlackNanos = FaultPlan.DEFAULT_MAX_TIMER_SLACK_NANOS;
    /** While a held timer waits: the step until which due timers are held; -1 when none is. */
    private long heldUntilStep = -1;

    SimTimers(Kernel sim, Trace trace, long maxVirtualNanos) {
        this.sim = sim;
        this.trace = trace;
        this.maxVirtualNanos = maxVirtualNanos;
    }

    /** Switches on the timer faults of {@code plan}, once, before the run starts. */
    void injectFaults(FaultPlan plan) {
        slack = plan.probability(FaultKind.TIMER_SLACK);
        defer = plan.probability(FaultKind.DEFER_TIMER);
        maxSlackNanos = plan.maxTimerSlackNanos();
    }

    /** Virtual nanoseconds since the start. */
    public long nanos() {
        return nanos;
    }

    /** Number of timers and events pending. */
    public int size() {
        return queue.size();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** The earliest deadline; only when not empty. */
    public long nextDeadline() {
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
        TimerEntry e = new TimerEntry(canceller, Math.max(deadline, nanos), owner, ownerName, waker, action);
        queue.add(e);
        trace.add(new TraceEvent.Timer(sim.step(), nanos, owner, ownerName, TraceEvent.TimerAction.SET, e.deadlineNanos()));
        return e;
    }

    /** Cancels {@code e} if it is still pending; a fired or cancelled timer is left alone. */
    void cancel(TimerEntry e) {
        if (queue.remove(e)) {
            e.release();
            trace.add(new TraceEvent.Timer(sim.step(), nanos, e.owner(), e.ownerName(), TraceEvent.TimerAction.CANCELLED,
                    e.deadlineNanos()));
        }
    }

    /** Every pending timer, in heap order (for diagnosis only). */
    public TimerEntry[] pendingEntries() {
        return queue.snapshot();
    }

    /** Fires every timer that is due now (except those {@code defer-timer} holds). */
    void fireDue() {
        if (!queue.isEmpty() && queue.peekDeadline() <= nanos && !holding()) {
            fireUpTo(nanos);
        }
    }

    /**
     * Nothing is runnable: moves the clock to the next timer and fires what is due, the clock jump
     * of the run loop, where {@code timer-slack} may apply.
     *
     * @throws RuntimeException (a {@code StepLimitException}) if the next timer is past {@code maxVirtualTime}
     */
    void advanceToNext() {
        long deadline = queue.peekDeadline();
        if (slack > 0 && deadline > nanos && !queue.peek().isDisturbed() && FaultKind.TIMER_SLACK.coin(sim.choices(), slack)) {
            long window = sim.choices().between(1, maxSlackNanos);
            if (sim.choices().choose(2) == 0) {
                advanceTo(fireTogether(deadline, window));
            } else {
                fireLate(deadline, window);
                advanceTo(queue.peekDeadline());
            }
            return;
        }
        advanceTo(deadline);
    }

    /**
     * Moves the clock to {@code deadline} (if later than now) and fires every timer then due.
     *
     * @throws RuntimeException (a {@code StepLimitException}) if {@code deadline} is past {@code maxVirtualTime}
     */
    void advanceTo(long deadline) {
        if (deadline > maxVirtualNanos) {
            throw sim.errors().stepLimit("virtual time limit reached: the next event is at "
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
     * Moves the clock to {@code target}, which no pending timer precedes, without a trace event:
     * the last step of {@code Simulation.advance}.
     *
     * @throws RuntimeException (a {@code StepLimitException}) if {@code target} is past {@code maxVirtualTime}
     */
    void idleTo(long target) {
        if (target > maxVirtualNanos) {
            throw sim.errors().stepLimit("virtual time limit reached: advance() to " + TraceHash.time(target)
                    + " is past maxVirtualTime " + TraceHash.time(maxVirtualNanos)
                    + "; raise maxVirtualTime if the run is just long.", sim.step(), nanos, sim.replayString());
        }
        nanos = target;
    }

    private void fireUpTo(long now) {
        TaskLifecycle tasks = sim.tasks();
        while (!queue.isEmpty() && queue.peekDeadline() <= now) {
            if (defer > 0 && (holding() || holdNext(tasks))) {
                return;
            }
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

    // ---------------------------------------------------------------- timer faults

    /** Whether a held timer still waits for the tasks that were runnable when it was held. */
    private boolean holding() {
        if (heldUntilStep < 0) {
            return false;
        }
        if (sim.step() < heldUntilStep && !sim.tasks().runQueue().isEmpty()) {
            return true;
        }
        heldUntilStep = -1;
        return false;
    }

    /** {@code defer-timer}: may hold the next due timer while tasks are runnable. */
    private boolean holdNext(TaskLifecycle tasks) {
        int runnable = tasks.runQueue().size();
        TimerEntry next = queue.peek();
        if (runnable == 0 || next.isDisturbed() || !FaultKind.DEFER_TIMER.coin(sim.choices(), defer)) {
            return false;
        }
        next.markDisturbed();
        heldUntilStep = sim.step() + MAX_HOLD_POLLS;
        fault(next, FaultKind.DEFER_TIMER, describe(next) + " is due but held while tasks are runnable ("
                + runnable + " now), until step " + heldUntilStep + " at the latest");
        return true;
    }

    /**
     * {@code timer-slack}, together: the timers due in {@code [deadline, deadline + window]} are
     * queued again, in a drawn order, to fire at the latest of their deadlines; returns that instant.
     */
    private long fireTogether(long deadline, long window) {
        List<TimerEntry> batch = new ArrayList<>();
        long last = deadline;
        while (!queue.isEmpty() && queue.peekDeadline() - deadline <= window) {
            last = queue.peekDeadline();
            batch.add(queue.poll());
        }
        StringBuilder order = new StringBuilder();
        int n = batch.size();
        for (int left = n; left > 0; left--) {
            // Choice 0 takes the earliest remaining timer: all zeros keep deadline order.
            TimerEntry e = batch.remove(left == 1 ? 0 : sim.choices().choose(left));
            e.markDisturbed();
            queue.addAt(e, last);
            order.append(order.isEmpty() ? "" : ", ").append(describe(e));
        }
        if (n > 1 || last > deadline) {
            fault(queue.peek(), FaultKind.TIMER_SLACK, n + (n == 1 ? " timer" : " timers") + " due within "
                    + TraceHash.time(window) + " of " + TraceHash.time(deadline) + " fire together at "
                    + TraceHash.time(last) + " in this order: " + order);
        }
        return last;
    }

    /** {@code timer-slack}, late: the next timer fires 1..{@code window} ns after its deadline. */
    private void fireLate(long deadline, long window) {
        long delay = sim.choices().between(1, window);
        TimerEntry e = queue.poll();
        e.markDisturbed();
        queue.addAt(e, deadline + delay);
        fault(e, FaultKind.TIMER_SLACK, describe(e) + " fires " + TraceHash.time(delay) + " late, at "
                + TraceHash.time(deadline + delay));
    }

    private static String describe(TimerEntry e) {
        return "timer@" + TraceHash.time(e.deadlineNanos()) + " of '" + e.ownerName() + "'"
                + (e.owner() >= 0 ? "#" + e.owner() : "");
    }

    private void fault(TimerEntry e, FaultKind kind, String detail) {
        trace.add(new TraceEvent.Fault(sim.step(), nanos, e.owner(), e.ownerName(), kind.key(), detail));
    }
}
