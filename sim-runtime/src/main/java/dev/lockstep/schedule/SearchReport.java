package dev.lockstep.schedule;

import java.util.Objects;

/**
 * The outcome of a bounded exhaustive search ({@code Simulation.Builder.search}): every schedule
 * with at most {@link #maxPreemptions()} preemptions passed, or the budget ran out first, or a
 * schedule failed.
 *
 * <h2>Text</h2>
 * {@link #toString()} reads {@code checked all 34 schedules with <= 2 preemptions},
 * {@code stopped at the budget: 1000 schedules with <= 2 preemptions checked, not all}, or
 * {@code failed on schedule 12 (1 preemption, the fewest of any failing schedule): <exception>},
 * followed by lines with the replay string ({@code replay: ...}) and the scheduler that replays it
 * ({@code setup: scheduler dfs(1)}).
 *
 * @param maxPreemptions the bound the search was asked for
 * @param schedules      schedules run at the last bound searched (for a failure: up to and
 *                       including the failing one)
 * @param complete       whether every schedule within the bound was run
 * @param failure        what the failing schedule threw, or {@code null}
 * @param preemptions    the bound at which the failure was found (the fewest preemptions any
 *                       failing schedule needs), or {@code maxPreemptions} without a failure
 * @param replay         the failing schedule's replay string, or empty
 */
public record SearchReport(int maxPreemptions, long schedules, boolean complete, Throwable failure, int preemptions,
        String replay) {
    public SearchReport {
        Objects.requireNonNull(replay, "replay");
        if (schedules < 0 || maxPreemptions < 0 || preemptions < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** Whether a schedule failed. */
    public boolean failed() {
        return failure != null;
    }

    /** The scheduler that replays the failing schedule with {@link #replay()}. */
    public Scheduler replayScheduler() {
        return Scheduler.bounded(preemptions);
    }

    /**
     * Returns normally if no schedule failed.
     *
     * @throws AssertionError with this report as its message and the failure as its cause
     */
    public void assertPassed() {
        if (failed()) {
            throw new AssertionError(toString(), failure);
        }
    }

    @Override
    public String toString() {
        if (failed()) {
            return "failed on schedule " + schedules + " (" + preemptions + (preemptions == 1 ? " preemption" : " preemptions")
                    + ", the fewest of any failing schedule): " + failure + "\n  replay: " + replay + "\n  setup: scheduler "
                    + replayScheduler();
        }
        String bound = "<= " + maxPreemptions + (maxPreemptions == 1 ? " preemption" : " preemptions");
        return complete ? "checked all " + schedules + " schedules with " + bound
                : "stopped at the budget: " + schedules + " schedules with " + bound + " checked, not all";
    }
}
