package dev.lockstep.agent.internal.calls;

import dev.lockstep.internal.edge.EdgeRun;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What a rewritten {@code Clock.systemUTC()}, {@code systemDefaultZone()} or {@code system(zone)}
 * returns: a clock that reads the simulation's wall clock when read on a simulation's thread
 * (under {@code VIRTUALIZE}) and the system clock anywhere else. The default-zone clock's zone is
 * UTC on a simulation's thread, for the reason given in {@link TimeCalls}.
 *
 * <h2>Values</h2>
 * Immutable; equal to another routing clock of the same zone, as the JDK's system clocks are.
 */
public final class RoutingClock extends Clock {
    private final ZoneId zone;
    private final boolean defaultZone;
    private final int site;

    RoutingClock(ZoneId zone, boolean defaultZone, int site) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.defaultZone = defaultZone;
        this.site = site;
    }

    @Override
    public ZoneId getZone() {
        return defaultZone && Sites.reporting() != null ? ZoneOffset.UTC : zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return other.equals(zone) && !defaultZone ? this : new RoutingClock(other, false, site);
    }

    @Override
    public Instant instant() {
        EdgeRun r = Sites.virtualizing(site);
        return r == null ? Instant.now() : r.wallClock();
    }

    @Override
    public long millis() {
        EdgeRun r = Sites.virtualizing(site);
        return r == null ? System.currentTimeMillis() : r.wallClock().toEpochMilli();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoutingClock c && c.zone.equals(zone) && c.defaultZone == defaultZone;
    }

    @Override
    public int hashCode() {
        return zone.hashCode() + 1;
    }

    @Override
    public String toString() {
        return "SystemClock[" + zone + "] (virtual on a simulation's thread)";
    }
}
