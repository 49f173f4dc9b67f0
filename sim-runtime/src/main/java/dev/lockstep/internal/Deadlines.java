package dev.lockstep.internal;

import java.time.Duration;
import java.util.Objects;

/** Duration arithmetic shared by the timer futures: validation and saturating deadlines. */
public final class Deadlines {
    private Deadlines() {}

    /** {@code d} in nanoseconds, rejecting null and negative durations with a message naming {@code what}. */
    public static long nonNegativeNanos(Duration d, String what) {
        Objects.requireNonNull(d, what + ": duration is null");
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + ": duration must not be negative, got " + d);
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /** {@code now + delta}, saturating at {@link Long#MAX_VALUE}. */
    public static long after(long now, long delta) {
        long sum = now + delta;
        return sum < now ? Long.MAX_VALUE : sum;
    }
}
