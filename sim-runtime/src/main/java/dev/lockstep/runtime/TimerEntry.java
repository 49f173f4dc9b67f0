package dev.lockstep.runtime;

import dev.lockstep.future.Waker;
import dev.lockstep.time.TimerRegistration;

/**
 * One timer of a {@link Simulation}: a waker to wake, or an action to run, at a deadline.
 *
 * <p>States: queued ({@code queued}), fired, or cancelled. {@code owner} is the task that set
 * it ({@code -1}: set between polls), for the trace and for diagnosis.
 */
final class TimerEntry implements TimerRegistration {
    final Simulation sim;
    final long deadline;
    final int owner;
    final String ownerName;
    /** The waker to wake, or null for an action timer. */
    Waker waker;
    /** The action to run, or null for a waker timer. */
    final Runnable action;
    long seq;
    /** Whether it waits in the queue (neither fired nor cancelled). */
    boolean queued;
    boolean fired;

    TimerEntry(Simulation sim, long deadline, int owner, String ownerName, Waker waker, Runnable action) {
        this.sim = sim;
        this.deadline = deadline;
        this.owner = owner;
        this.ownerName = ownerName;
        this.waker = waker;
        this.action = action;
    }

    @Override
    public long deadlineNanos() {
        return deadline;
    }

    @Override
    public boolean isActive() {
        return queued;
    }

    @Override
    public void updateWaker(Waker next) {
        if (action == null && queued) {
            waker = next;
        }
    }

    @Override
    public void cancel() {
        sim.timers().cancel(this);
    }

    @Override
    public String toString() {
        return "timer@" + deadline + (action != null ? " action" : " wake " + waker);
    }
}
