package dev.lockstep.property;

import dev.lockstep.trace.DeterminismReport;
import java.util.Objects;

/**
 * A run of a property that gave two different traces from the same choices, found by the
 * determinism check ({@code LOCKSTEP_CHECK_DETERMINISM}).
 *
 * @param property the property's name
 * @param run      the run's index
 * @param runSeed  the run's seed
 * @param report   the comparison, naming the first differing event
 */
public record Nondeterminism(String property, int run, long runSeed, DeterminismReport report) {
    public Nondeterminism {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(report, "report");
        if (report.deterministic()) {
            throw new IllegalArgumentException("a Nondeterminism needs a report of differing runs");
        }
    }

    /** The message of the failure a check throws for it. */
    public String format() {
        return "Property " + property + " is not deterministic: run " + run + " (run seed 0x"
                + Long.toHexString(runSeed) + ") gave a different trace when replayed with the same choices.\n"
                + report;
    }
}
