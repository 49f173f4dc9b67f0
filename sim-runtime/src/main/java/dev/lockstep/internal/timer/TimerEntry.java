package dev.lockstep.internal.timer;

import dev.lockstep.future.TimerRegistration;
import dev.lockstep.future.Waker;
import java.util.function.Consumer;

/**
 * One timer of a simulation: a waker to wake, or an action to run, at a deadline.
 *
 * <p>States: queued ({@code queued}), fired, or cancelled. {@code owner} is the task that set
 * it ({@code -1}: set between polls), for the trace and for diagnosis.
 */
public final class TimerEntry implements TimerRegistration {
    /** Cancels this entry in the timers that hold it (and traces the cancel). */
    private final Consumer<TimerEntry> canceller;
    final long deadline;
    private final int owner;
    private final String ownerName;
    /** The waker to wake, or null for an action timer. */
    private Waker waker;
    /** The action to run, or null for a waker timer (and once cancelled). */
    private Runnable action;
    long seq;
    /** Whether it waits in the queue (neither fired nor cancelled). */
    boolean queued;
    private boolean fired;
    /** Whether a timer fault already moved or held it (each timer is disturbed at most once). */
    private boolean disturbed;

    /**
     * A timer at {@code deadline} (virtual nanoseconds) set by task {@code owner} ({@code -1}: none)
     * that wakes {@code waker} or runs {@code action} (exactly one is non-null); {@code canceller}
     * is what {@link #cancel()} calls.
     */
    public TimerEntry(Consumer<TimerEntry> canceller, long deadline, int owner, String ownerName, Waker waker,
            Runnable action) {
        this.canceller = canceller;
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
        canceller.accept(this);
    }

    /** The task that set it, or {@code -1} when it was set between polls. */
    public int owner() {
        return owner;
    }

    /** The name of the task that set it, or a label such as {@code "event"}. */
    public String ownerName() {
        return ownerName;
    }

    /** The waker it wakes, or {@code null} for an action timer. */
    public Waker waker() {
        return waker;
    }

    /** The action it runs, or {@code null} for a waker timer. */
    public Runnable action() {
        return action;
    }

    /** Whether it has fired. */
    public boolean isFired() {
        return fired;
    }

    /**
     * Drops the waker and the action of a cancelled entry: it never fires, and a cancelled entry
     * may wait in the queue until it is compacted away, where it must not keep them reachable.
     */
    public void release() {
        waker = null;
        action = null;
    }

    /** Whether a timer fault already made it late or held it. */
    public boolean isDisturbed() {
        return disturbed;
    }

    /** Marks it as made late or held by a timer fault, so no fault disturbs it again. */
    public void markDisturbed() {
        disturbed = true;
    }

    /** Marks it fired: called once, when the timers take it off the queue to fire it. */
    public void markFired() {
        fired = true;
    }

    @Override
    public String toString() {
        return "timer@" + deadline + (action != null ? " action" : " wake " + waker);
    }
}
