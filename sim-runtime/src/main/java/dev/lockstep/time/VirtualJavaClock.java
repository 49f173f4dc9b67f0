package dev.lockstep.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A {@link java.time.Clock} that reads a simulation's virtual time: {@link SimClock#asJavaClock()}.
 *
 * <p>{@link #instant()} is {@code Instant.EPOCH} plus the virtual nanoseconds, so a run starts at
 * 1970-01-01T00:00:00Z; {@link #withZone} changes only how the instant is shown. Two such clocks
 * are equal when they read the same {@link SimClock} in the same zone.
 */
final class VirtualJavaClock extends Clock {
    private final SimClock clock;
    private final ZoneId zone;

    VirtualJavaClock(SimClock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        Objects.requireNonNull(other, "zone");
        return other.equals(zone) ? this : new VirtualJavaClock(clock, other);
    }

    @Override
    public Instant instant() {
        return clock.now();
    }

    @Override
    public long millis() {
        return clock.nanos() / 1_000_000L;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VirtualJavaClock c && c.clock == clock && c.zone.equals(zone);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(clock) * 31 + zone.hashCode();
    }

    @Override
    public String toString() {
        return "VirtualJavaClock[" + clock + ", " + zone + "]";
    }
}
