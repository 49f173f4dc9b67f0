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
 * <p>Time starts at 0 ({@link Instant#EPOCH}) and moves only when the simulation has nothing
 * runnable and jumps to the next timer or event. Reading it is free and never reads real time.
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
     * {@link #now()}, {@code millis()} is the virtual milliseconds since the epoch, and
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
