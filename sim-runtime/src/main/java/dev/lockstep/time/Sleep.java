package dev.lockstep.time;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.FusedFuture;
import dev.lockstep.future.Poll;
import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.future.TimerRegistration;
import dev.lockstep.future.Unpin;
import dev.lockstep.internal.Deadlines;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A leaf future that completes when the runtime's clock reaches a deadline.
 *
 * <h2>Returns</h2>
 * {@code Ready(null)} once {@code now >= deadline}; before that, {@code Pending} with a timer set
 * to wake the latest poll's waker. {@link #of(Duration)} measures from the <em>first poll</em>
 * (the future does not know the clock before); {@link #until} takes an absolute deadline.
 *
 * <h2>Waker</h2>
 * One timer registration is kept; a later poll with a different waker replaces the waker in it.
 * A spurious poll before the deadline returns {@code Pending} again. So a sleep polled by two
 * tasks wakes only the latest poller: give each task its own sleep. The task that polled it last
 * ({@link #lastPoller()}) is kept for the deadlock diagnosis, which names it.
 *
 * <h2>After completion</h2>
 * Fused: polling again returns {@code Pending} and {@link #isTerminated()} is true.
 *
 * <h2>Cancellation</h2>
 * {@link #cancel()} removes the timer, so an aborted sleeping task holds no timer.
 *
 * <h2>Determinism</h2>
 * In a simulation the clock is virtual: a 10-hour sleep takes no wall time.
 */
public final class Sleep implements FusedFuture<Void>, Cancellable, Unpin {
    private final long duration;
    private long deadline = -1;
    private TimerRegistration timer;
    private boolean done;
    private boolean cancelled;
    /** The task of the latest poll, {@code 'name'#id}, or null: for diagnostics. */
    private String lastPoller;
    private int lastPollerId = -1;

    private Sleep(long duration, long deadline) {
        this.duration = duration;
        this.deadline = deadline;
    }

    /**
     * Sleeps for {@code duration}, measured from the first poll.
     *
     * @throws IllegalArgumentException if the duration is negative
     * @throws NullPointerException     if it is null
     */
    public static Sleep of(Duration duration) {
        return new Sleep(Deadlines.nonNegativeNanos(duration, "Sleep.of"), -1);
    }

    /**
     * Sleeps until the clock reads {@code deadlineNanos} (nanoseconds since the runtime started); a
     * deadline already reached completes on the first poll.
     *
     * @throws IllegalArgumentException if {@code deadlineNanos} is negative
     */
    public static Sleep until(long deadlineNanos) {
        if (deadlineNanos < 0) {
            throw new IllegalArgumentException("Sleep.until: deadline must be >= 0 ns, got " + deadlineNanos);
        }
        return new Sleep(0, deadlineNanos);
    }

    /**
     * Sleeps until the runtime's clock ({@code cx.runtime().now()}, {@code sim.clock().now()})
     * reads {@code instant}: the deadline is {@code instant}'s nanoseconds since
     * {@link Instant#EPOCH}, where that clock starts in a simulation. Not the wall clock of
     * {@code sim.wallClock()} and rewritten {@code Instant.now()}, which starts at the
     * {@code wallClockEpoch} (2000-01-01 by default): for an instant read from that, sleep
     * {@code Sleep.of(Duration.between(sim.wallClock(), instant))} instead.
     *
     * @throws IllegalArgumentException if {@code instant} is before {@link Instant#EPOCH}
     * @throws NullPointerException     if it is null
     */
    public static Sleep until(Instant instant) {
        Duration sinceEpoch = Duration.between(Instant.EPOCH, Objects.requireNonNull(instant, "Sleep.until: instant is null"));
        return until(Deadlines.nonNegativeNanos(sinceEpoch, "Sleep.until"));
    }

    @Override
    public Poll<Void> poll(Context cx) {
        if (done || cancelled) {
            return Poll.pending();
        }
        RuntimeHandle rt = cx.runtime();
        int task = rt.currentTaskId();
        if (task != lastPollerId) {
            lastPollerId = task;
            lastPoller = "'" + rt.currentTaskName() + "'#" + task;
        }
        long now = rt.nanos();
        if (deadline < 0) {
            deadline = Deadlines.after(now, duration);
        }
        if (now >= deadline) {
            done = true;
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
            return Poll.ready(null);
        }
        if (timer == null || !timer.isActive()) {
            timer = rt.wakeAt(deadline, cx.waker());
        } else {
            timer.updateWaker(cx.waker());
        }
        return Poll.pending();
    }

    /** The deadline in runtime nanoseconds, or {@code -1} before the first poll of a relative sleep. */
    public long deadlineNanos() {
        return deadline;
    }

    /** The task that polled this sleep last, as {@code 'name'#id}, or null before any poll. */
    public String lastPoller() {
        return lastPoller;
    }

    /** The id of the task that polled this sleep last, or -1. */
    public int lastPollerId() {
        return lastPollerId;
    }

    /** Whether a timer is currently registered for this sleep. */
    public boolean hasTimer() {
        return timer != null && timer.isActive();
    }

    @Override
    public boolean isTerminated() {
        return done || cancelled;
    }

    @Override
    public void cancel() {
        cancelled = true;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    @Override
    public String toString() {
        return "Sleep[" + (deadline >= 0 ? "until " + deadline + "ns" : Duration.ofNanos(duration)) + "]";
    }
}
