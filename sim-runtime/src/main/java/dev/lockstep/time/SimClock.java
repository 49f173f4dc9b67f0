package dev.lockstep.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A read-only view of a simulation's virtual clock.
 *
 * <p>Time starts at 0 ({@link Instant#EPOCH}) and moves only when the simulation has nothing
 * runnable and jumps to the next timer or event. Reading it is free and never reads real time.
 */
public final class SimClock {
    private final LongSupplier nanos;

    /** A clock reading {@code nanos}, the virtual nanoseconds since the start. */
    public SimClock(LongSupplier nanos) {
        this.nanos = Objects.requireNonNull(nanos, "nanos");
    }

    /** Virtual nanoseconds since the start. */
    public long nanos() {
        return nanos.getAsLong();
    }

    /** The virtual time as an instant: {@code EPOCH + nanos()}. */
    public Instant now() {
        return Instant.EPOCH.plusNanos(nanos());
    }

    /** Virtual time elapsed since the start. */
    public Duration elapsed() {
        return Duration.ofNanos(nanos());
    }

    @Override
    public String toString() {
        return "SimClock[" + elapsed() + "]";
    }
}
