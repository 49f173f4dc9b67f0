package dev.lockstep.time;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.TimerRegistration;
import dev.lockstep.internal.Deadlines;
import java.time.Duration;

/**
 * Ticks every {@code period}: the first tick completes at the first poll, then one per period.
 *
 * <h2>Returns</h2>
 * {@link #pollTick(Context)} returns {@code Ready(tickNanos)} (the scheduled time of the tick, in
 * runtime nanoseconds) when a tick is due, else {@code Pending} with a timer set. {@link #tick()}
 * wraps that as a future for one tick.
 *
 * <h2>Missed ticks</h2>
 * A task that polls late gets the missed ticks back to back (burst), as tokio's default, so the
 * number of ticks always matches elapsed time.
 *
 * <h2>Cancellation</h2>
 * {@link #cancel()} removes the pending timer; the interval ticks no more.
 */
public final class Interval implements Cancellable {
    private final long period;
    private long next = -1;
    private TimerRegistration timer;
    private boolean cancelled;

    private Interval(long period) {
        this.period = period;
    }

    /**
     * An interval of {@code period}.
     *
     * @throws IllegalArgumentException if the period is zero or negative
     */
    public static Interval every(Duration period) {
        long p = Deadlines.nonNegativeNanos(period, "Interval.every");
        if (p == 0) {
            throw new IllegalArgumentException("Interval.every: period must be positive, got " + period);
        }
        return new Interval(p);
    }

    /** Polls for the next tick. */
    public Poll<Long> pollTick(Context cx) {
        if (cancelled) {
            throw new IllegalStateException("Interval polled after cancel()");
        }
        long now = cx.runtime().nanos();
        if (next < 0) {
            next = now;
        }
        if (now >= next) {
            long tick = next;
            next = Deadlines.after(next, period);
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
            return Poll.ready(tick);
        }
        if (timer == null || !timer.isActive()) {
            timer = cx.runtime().wakeAt(next, cx.waker());
        } else {
            timer.updateWaker(cx.waker());
        }
        return Poll.pending();
    }

    /** A future of the next tick. */
    public Future<Long> tick() {
        return this::pollTick;
    }

    /** The period. */
    public Duration period() {
        return Duration.ofNanos(period);
    }

    @Override
    public void cancel() {
        cancelled = true;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
