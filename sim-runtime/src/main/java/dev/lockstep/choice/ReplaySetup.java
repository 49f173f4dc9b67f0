package dev.lockstep.choice;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The part of a run's setup that changes how its choices are read, as a version-2 replay string
 * carries it: the fault plan as the run used it (a swarm run's drawn plan), the scheduler, and the
 * limits that decide when a run fails.
 *
 * <p>Every field is optional. An absent fault plan means {@code faults[none]} and an absent scheduler
 * {@code uniform}; an absent limit means "whatever the simulation builder says". The plan and the
 * scheduler are kept in their text forms ({@code FaultPlan.parse}, {@code Scheduler.parse} read
 * them), so this package does not depend on the packages that define them.
 *
 * @param faults         the fault plan's text form without the {@code faults[...]} wrapper, or
 *                       {@code null} for none
 * @param scheduler      the scheduler's text form ({@code pct(3, 200)}), or {@code null} for uniform
 * @param maxSteps       the step limit, or {@link #UNSET}
 * @param maxVirtualTime the virtual time limit in nanoseconds, or {@link #UNSET}
 * @param livelockSteps  the livelock check's window in polls, or {@link #UNSET} (0 is "off")
 * @param carried        whether a setup is carried at all: {@code true} for every version-2 string
 *                       (then absent fields are the defaults, and the builder's plan and scheduler
 *                       do not apply), {@code false} only for {@link #none()}
 */
public record ReplaySetup(String faults, String scheduler, long maxSteps, long maxVirtualTime, long livelockSteps,
        boolean carried) {
    /** The value of a limit the string does not carry. */
    public static final long UNSET = -1;
    private static final ReplaySetup NONE = new ReplaySetup(null, null, UNSET, UNSET, UNSET, false);

    public ReplaySetup {
        faults = blankToNull(faults);
        scheduler = blankToNull(scheduler);
        if (maxSteps < UNSET || maxVirtualTime < UNSET || livelockSteps < UNSET) {
            throw new IllegalArgumentException("replay setup limits must be >= 0 (or UNSET), got maxSteps " + maxSteps
                    + ", maxVirtualTime " + maxVirtualTime + ", livelockSteps " + livelockSteps);
        }
        if (faults != null && (faults.equals("none") || faults.equals("faults[none]"))) {
            faults = null;
        }
        if (scheduler != null && scheduler.equals("uniform")) {
            scheduler = null;
        }
        if (!carried && (faults != null || scheduler != null || maxSteps != UNSET || maxVirtualTime != UNSET
                || livelockSteps != UNSET)) {
            throw new IllegalArgumentException("a setup that is not carried has no fields");
        }
    }

    /** A carried setup (what a version-2 string holds); absent fields are the defaults. */
    public ReplaySetup(String faults, String scheduler, long maxSteps, long maxVirtualTime, long livelockSteps) {
        this(faults, scheduler, maxSteps, maxVirtualTime, livelockSteps, true);
    }

    /** No setup: what a version-1 string and a bare {@code ChoiceSource} carry. */
    public static ReplaySetup none() {
        return NONE;
    }

    /** Whether nothing is carried (a version-1 string, a seeded source). */
    public boolean isEmpty() {
        return !carried;
    }

    /** This setup with another fault plan text ({@code null}: none). */
    public ReplaySetup withFaults(String text) {
        return new ReplaySetup(text, scheduler, maxSteps, maxVirtualTime, livelockSteps);
    }

    /** This setup with another scheduler text ({@code null}: uniform). */
    public ReplaySetup withScheduler(String text) {
        return new ReplaySetup(faults, text, maxSteps, maxVirtualTime, livelockSteps);
    }

    /**
     * The setup in words, for reports: {@code faults[spurious-poll=0.2], scheduler pct(3, 200),
     * maxSteps 1000000}. Absent plan and scheduler print as {@code faults[none]} and {@code uniform}.
     */
    public String describe() {
        if (!carried) {
            return "none carried (a version-1 string: the builder's setup applies)";
        }
        List<String> parts = new ArrayList<>();
        parts.add("faults[" + (faults == null ? "none" : faults) + "]");
        parts.add("scheduler " + (scheduler == null ? "uniform" : scheduler));
        if (maxSteps != UNSET) {
            parts.add("maxSteps " + maxSteps);
        }
        if (maxVirtualTime != UNSET) {
            parts.add("maxVirtualTime " + maxVirtualTime + "ns");
        }
        if (livelockSteps != UNSET) {
            parts.add("livelockSteps " + livelockSteps);
        }
        return String.join(", ", parts);
    }

    @Override
    public String toString() {
        return describe();
    }

    private static String blankToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = Objects.requireNonNull(s).strip();
        if (t.startsWith("faults[") && t.endsWith("]")) {
            t = t.substring("faults[".length(), t.length() - 1).strip();
        }
        return t.isEmpty() ? null : t;
    }
}
