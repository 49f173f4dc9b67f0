package dev.lockstep.agent.internal.calls;

import dev.lockstep.internal.edge.EdgeRun;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Handlers of the clock reads: on a simulation's thread (under {@code VIRTUALIZE}),
 * {@code System.nanoTime()} is the run's virtual nanoseconds since its start and the wall clock
 * ({@code currentTimeMillis}, {@code Instant.now()}, the {@code now()} of {@code java.time}) is
 * the simulation's epoch plus virtual time. A {@code now()} without a zone uses UTC in a
 * simulation, so a run replays the same on a machine in any time zone. Elsewhere each call is the
 * JDK's.
 *
 * <p>{@code Clock.systemUTC()}, {@code systemDefaultZone()} and {@code system(zone)} return a
 * {@link RoutingClock} wherever they are called: a clock kept in a static field reads virtual time
 * when it is read on a simulation's thread.
 */
public final class TimeCalls {
    private TimeCalls() {
    }

    public static long currentTimeMillis(int site) {
        EdgeRun r = Sites.virtualizing(site);
        return r == null ? System.currentTimeMillis() : r.wallClock().toEpochMilli();
    }

    public static long nanoTime(int site) {
        EdgeRun r = Sites.virtualizing(site);
        return r == null ? System.nanoTime() : r.nanos();
    }

    public static Instant instantNow(int site) {
        EdgeRun r = Sites.virtualizing(site);
        return r == null ? Instant.now() : r.wallClock();
    }

    /** {@code System::currentTimeMillis} as a method reference. */
    public static long currentTimeMillisRef(int site) {
        return currentTimeMillis(site);
    }

    /** {@code System::nanoTime} as a method reference. */
    public static long nanoTimeRef(int site) {
        return nanoTime(site);
    }

    /** {@code Instant::now} as a method reference. */
    public static Instant instantNowRef(int site) {
        return instantNow(site);
    }

    public static Clock systemUTC(int site) {
        return new RoutingClock(ZoneOffset.UTC, false, site);
    }

    public static Clock systemDefaultZone(int site) {
        return new RoutingClock(ZoneId.systemDefault(), true, site);
    }

    public static Clock system(ZoneId zone, int site) {
        return new RoutingClock(zone, false, site);
    }

    /** The clock a {@code now()} reads: the simulation's at this instant in {@code zone}, or the system's. */
    private static Clock clock(int site, ZoneId zone) {
        EdgeRun r = Sites.virtualizing(site);
        if (r == null) {
            return zone == null ? Clock.systemDefaultZone() : Clock.system(zone);
        }
        return Clock.fixed(r.wallClock(), zone == null ? ZoneOffset.UTC : zone);
    }

    public static LocalDateTime nowLocalDateTime(int site) {
        return LocalDateTime.now(clock(site, null));
    }

    public static LocalDateTime nowLocalDateTime(ZoneId zone, int site) {
        return LocalDateTime.now(clock(site, zone));
    }

    public static LocalDate nowLocalDate(int site) {
        return LocalDate.now(clock(site, null));
    }

    public static LocalDate nowLocalDate(ZoneId zone, int site) {
        return LocalDate.now(clock(site, zone));
    }

    public static LocalTime nowLocalTime(int site) {
        return LocalTime.now(clock(site, null));
    }

    public static LocalTime nowLocalTime(ZoneId zone, int site) {
        return LocalTime.now(clock(site, zone));
    }

    public static ZonedDateTime nowZonedDateTime(int site) {
        return ZonedDateTime.now(clock(site, null));
    }

    public static ZonedDateTime nowZonedDateTime(ZoneId zone, int site) {
        return ZonedDateTime.now(clock(site, zone));
    }

    public static OffsetDateTime nowOffsetDateTime(int site) {
        return OffsetDateTime.now(clock(site, null));
    }

    public static OffsetDateTime nowOffsetDateTime(ZoneId zone, int site) {
        return OffsetDateTime.now(clock(site, zone));
    }

    public static OffsetTime nowOffsetTime(int site) {
        return OffsetTime.now(clock(site, null));
    }

    public static OffsetTime nowOffsetTime(ZoneId zone, int site) {
        return OffsetTime.now(clock(site, zone));
    }

    public static Year nowYear(int site) {
        return Year.now(clock(site, null));
    }

    public static Year nowYear(ZoneId zone, int site) {
        return Year.now(clock(site, zone));
    }

    public static YearMonth nowYearMonth(int site) {
        return YearMonth.now(clock(site, null));
    }

    public static YearMonth nowYearMonth(ZoneId zone, int site) {
        return YearMonth.now(clock(site, zone));
    }

    public static MonthDay nowMonthDay(int site) {
        return MonthDay.now(clock(site, null));
    }

    public static MonthDay nowMonthDay(ZoneId zone, int site) {
        return MonthDay.now(clock(site, zone));
    }
}
