package dev.lockstep.property;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link Property#check()}.
 *
 * @param property       the property's name
 * @param seed           the base seed of the seeded runs
 * @param shard          the part of the run space this check covered
 * @param plannedRuns    seeded runs in this shard
 * @param executedRuns   seeded runs executed: all planned ones, or up to and including the first
 *                       failing one (the same whatever the parallelism)
 * @param storedReplays  failures from the failure store re-run before the seeded runs
 * @param failure        the failure, if one was found
 * @param nondeterminism a run that replayed differently, if the determinism check found one
 * @param warnings       problems that did not stop the check (a corrupt failure store)
 * @param elapsed        real time the check took
 */
public record PropertyResult(String property, long seed, Shard shard, int plannedRuns, int executedRuns,
        int storedReplays, Optional<FailureReport> failure, Optional<Nondeterminism> nondeterminism,
        List<String> warnings, Duration elapsed) {

    public PropertyResult {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(nondeterminism, "nondeterminism");
        Objects.requireNonNull(elapsed, "elapsed");
        warnings = List.copyOf(warnings);
        if (executedRuns < 0 || executedRuns > plannedRuns) {
            throw new IllegalArgumentException("executedRuns " + executedRuns + " must be within 0.." + plannedRuns);
        }
    }

    /** Whether the property held: no failure and no nondeterminism. */
    public boolean passed() {
        return failure.isEmpty() && nondeterminism.isEmpty();
    }

    /**
     * Does nothing if the property held.
     *
     * @throws LockstepFailure with the report as its message and the original exception as its
     *     cause; for a failed determinism check, the {@link Nondeterminism} report and no cause
     */
    public void assertPassed() {
        assertPassed(BuildTool.current());
    }

    /**
     * Does nothing if the property held; the report's replay commands are those of {@code tool}.
     *
     * @throws LockstepFailure as {@link #assertPassed()} does
     */
    public void assertPassed(BuildTool tool) {
        if (failure.isPresent()) {
            throw new LockstepFailure(failure.get(), tool);
        }
        if (nondeterminism.isPresent()) {
            throw new LockstepFailure(nondeterminism.get().format(), null);
        }
    }

    /** A one-line summary: runs, seed, shard, time. */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "%s: %s after %d of %d runs (seed %d, shard %s%s), %.3f s", property,
                passed() ? "passed" : "FAILED", executedRuns, plannedRuns, seed, shard,
                storedReplays > 0 ? ", " + storedReplays + " stored failures re-run" : "", elapsed.toNanos() / 1e9);
    }
}
