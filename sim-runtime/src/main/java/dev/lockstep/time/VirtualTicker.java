package dev.lockstep.time;

import com.google.common.base.Ticker;

/**
 * A Guava {@link Ticker} that reads a simulation's virtual nanoseconds: {@link SimClock#asTicker()}.
 *
 * <p>Kept in a class of its own so that {@link SimClock} loads without Guava on the class path:
 * only a call to {@code asTicker()} needs it.
 */
final class VirtualTicker extends Ticker {
    private final SimClock clock;

    private VirtualTicker(SimClock clock) {
        this.clock = clock;
    }

    /** A ticker over {@code clock}; declared as {@link Ticker} so callers need not load this class. */
    static Ticker over(SimClock clock) {
        return new VirtualTicker(clock);
    }

    @Override
    public long read() {
        return clock.nanos();
    }

    @Override
    public String toString() {
        return "VirtualTicker[" + clock + "]";
    }
}
