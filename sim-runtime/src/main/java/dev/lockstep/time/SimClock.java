package dev.lockstep.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A read-only view of a simulation's virtual clock.
 *
 * <p>Time starts at 0 and moves only when the simulation has nothing runnable and jumps to the
 * next timer or event. Reading it is free and never reads real time. As an instant
 * ({@link #now()}, {@link #asJavaClock()}) it is the clock's epoch plus virtual time: for a
 * simulation, its {@code wallClockEpoch} ({@code 2000-01-01T00:00:00Z} by default), the same wall
 * clock that rewritten {@code Instant.now()} and {@code Clock.systemUTC()} read
 * ({@code Simulation.wallClock()}), so code given this clock and code that asks the system agree.
 *
 * <h2>Adapters</h2>
 * Code that takes a time source instead of calling {@code System.nanoTime()} runs in virtual time
 * when given {@link #asTicker()} (Guava's {@code Stopwatch}, {@code CacheBuilder},
 * {@code RateLimiter}-style code) or {@link #asJavaClock()} ({@code java.time} code that takes a
 * {@code Clock}). For code that takes a {@code ScheduledExecutorService}, see
 * {@link VirtualScheduledExecutor}.
 *
 * <h2>Threads</h2>
 * Read the clock, and the adapters, on the simulation's thread: the value is not published to
 * other threads, and a library that reads it from its own thread is already outside the run's
 * control.
 */
public final class SimClock {
    private final LongSupplier nanos;
    private final Instant epoch;

    /** A clock reading {@code nanos}, the virtual nanoseconds since the start, from {@link Instant#EPOCH}. */
    public SimClock(LongSupplier nanos) {
        this(nanos, Instant.EPOCH);
    }

    /** A clock reading {@code nanos}, the virtual nanoseconds since the start, from {@code epoch}. */
    public SimClock(LongSupplier nanos, Instant epoch) {
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        this.epoch = Objects.requireNonNull(epoch, "epoch");
    }

    /** Virtual nanoseconds since the start. */
    public long nanos() {
        return nanos.getAsLong();
    }

    /** The virtual time as an instant: the clock's epoch plus {@link #nanos()}. */
    public Instant now() {
        return epoch.plusNanos(nanos());
    }

    /** The instant at virtual time 0: a simulation's {@code wallClockEpoch}. */
    public Instant epoch() {
        return epoch;
    }

    /** Virtual time elapsed since the start. */
    public Duration elapsed() {
        return Duration.ofNanos(nanos());
    }

    /**
     * A Guava {@code Ticker} reading this clock's virtual nanoseconds, for
     * {@code Stopwatch.createStarted(ticker)}, {@code CacheBuilder.ticker(ticker)} and the like.
     *
     * <p><b>Returns</b>: a ticker whose {@code read()} is {@link #nanos()}; it never reads real time.
     * <b>Errors</b>: {@link NoClassDefFoundError} if Guava is not on the class path (it is an
     * optional dependency of Lockstep; the rest of this class does not need it).
     */
    public com.google.common.base.Ticker asTicker() {
        return VirtualTicker.over(this);
    }

    /**
     * A {@link java.time.Clock} in zone UTC reading this clock: {@code instant()} is
     * {@link #now()}, {@code millis()} its milliseconds since 1970 (as for any {@code Clock}), and
     * {@code withZone(zone)} returns the same time source in another zone.
     */
    public Clock asJavaClock() {
        return new VirtualJavaClock(this, ZoneOffset.UTC);
    }

    @Override
    public String toString() {
        return "SimClock[" + elapsed() + "]";
    }
}
