package dev.lockstep.benchmarks.sidebyside;

/**
 * One side of a row: a fixed amount of work per round.
 *
 * <p>{@link #prepare()} sets a round up outside the timed part (a fresh simulation, spawned
 * tasks, a filled queue) and returns the timed part; the harness times only that. {@link #units()}
 * is how many operations (hand-offs, polls, runs, awaits) one round does, so figures read as
 * nanoseconds per operation.
 */
public interface Work {
    /** Sets up one round; the returned action is the timed part and returns a checksum. */
    Timed prepare();

    /** Operations per round. */
    long units();

    /** CPU time so far of threads other than the caller that do this side's work (an executor's worker); 0 if none. */
    default long helperCpuNanos() {
        return 0;
    }

    /** The timed part of a round. */
    @FunctionalInterface
    interface Timed {
        /** Does the round's work; returns a value that depends on it (so it cannot be optimised away). */
        long run() throws Exception;
    }

    /** A side whose timed part is {@code timed}, with nothing to prepare. */
    static Work of(long units, Timed timed) {
        return new Work() {
            @Override
            public Timed prepare() {
                return timed;
            }

            @Override
            public long units() {
                return units;
            }
        };
    }
}
