package dev.lockstep.future;

import dev.lockstep.internal.Deadlines;

/**
 * The timer of a {@link Timeout}: due a fixed duration after its first poll, registered with the
 * polling runtime's timers and kept on the latest waker, the way {@code time.Sleep} is.
 *
 * <p>States: unarmed (no deadline yet), armed (deadline set, a timer registered while not due),
 * due, or cancelled. A due or cancelled timer holds no registration.
 */
final class DeadlineTimer {
    private final long duration;
    /** Runtime nanoseconds, or {@code -1} before the first poll. */
    private long deadline = -1;
    private TimerRegistration timer;

    DeadlineTimer(long durationNanos) {
        this.duration = durationNanos;
    }

    /** Whether the deadline has passed; otherwise makes sure {@code cx.waker()} is woken when it does. */
    boolean isDue(Context cx) {
        RuntimeHandle rt = cx.runtime();
        long now = rt.nanos();
        if (deadline < 0) {
            deadline = Deadlines.after(now, duration);
        }
        if (now >= deadline) {
            cancel();
            return true;
        }
        if (timer == null || !timer.isActive()) {
            timer = rt.wakeAt(deadline, cx.waker());
        } else {
            timer.updateWaker(cx.waker());
        }
        return false;
    }

    /** Removes the registration, if any. */
    void cancel() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
