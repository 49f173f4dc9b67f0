package dev.lockstep.benchmarks.report;

import java.util.Objects;

/**
 * One row of the benchmark table: what was measured, which Lockstep benchmark and which baseline
 * it is compared with, and the target for their ratio.
 *
 * @param row       the row's number and label in the issue, e.g. {@code "1 executor"}
 * @param what      what was measured, in a phrase
 * @param lockstep  the key of Lockstep's figure in {@link Figures}
 * @param baseline  the key of the baseline's figure, or null when the baseline is a fixed rate
 * @param baselineName how the baseline is named in the table
 * @param fixedRate the baseline rate when {@code baseline} is null (an absolute target), else 0
 * @param target    the least acceptable ratio Lockstep / baseline, or 0 for a row without target
 */
record Row(String row, String what, String lockstep, String baseline, String baselineName, double fixedRate,
        double target) {
    Row {
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(lockstep, "lockstep");
        Objects.requireNonNull(baselineName, "baselineName");
        if ((baseline == null) == (fixedRate <= 0)) {
            throw new IllegalArgumentException("row '" + what + "' needs either a baseline benchmark or a fixed rate");
        }
    }

    /** A row comparing two benchmarks of the same run. */
    static Row versus(String row, String what, String lockstep, String baseline, String baselineName, double target) {
        return new Row(row, what, lockstep, baseline, baselineName, 0, target);
    }

    /** A row comparing a benchmark with an absolute rate (the target's own figure). */
    static Row versusRate(String row, String what, String lockstep, double rate, String baselineName) {
        return new Row(row, what, lockstep, null, baselineName, rate, 1.0);
    }
}
