package dev.lockstep.reactor;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.time.Sleep;

/**
 * The body of a timed Reactor task: sleeps until a virtual deadline, runs its action, and with a
 * period repeats at a fixed rate (deadline, deadline + period, ...), as Reactor's
 * {@code schedulePeriodically}. A period of zero runs the action once per poll, yielding between.
 *
 * <h2>Cancellation</h2>
 * Cancelling (aborting the task) releases the pending timer; the action does not run again.
 */
final class TimedRun implements Future<Void>, Cancellable {
    private final Runnable action;
    private final long periodNanos;
    private long deadline;
    private Sleep sleep;

    /**
     * @param deadline    virtual nanoseconds of the first run
     * @param periodNanos the period, or a negative value to run once
     */
    TimedRun(Runnable action, long deadline, long periodNanos) {
        this.action = action;
        this.deadline = deadline;
        this.periodNanos = periodNanos;
    }

    /** {@code now + delay} in virtual nanoseconds, saturated: a delay of years means never. */
    static long deadline(long now, long delayNanos) {
        long d = now + delayNanos;
        return d < now ? Long.MAX_VALUE : d;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        while (true) {
            if (sleep == null) {
                sleep = Sleep.until(deadline);
            }
            if (sleep.poll(cx).isPending()) {
                return Poll.pending();
            }
            sleep = null;
            action.run();
            if (periodNanos < 0) {
                return Poll.ready(null);
            }
            if (periodNanos == 0) {
                cx.waker().wakeByRef();
                return Poll.pending();
            }
            deadline = deadline(deadline, periodNanos);
        }
    }

    @Override
    public void cancel() {
        if (sleep != null) {
            sleep.cancel();
            sleep = null;
        }
    }
}
