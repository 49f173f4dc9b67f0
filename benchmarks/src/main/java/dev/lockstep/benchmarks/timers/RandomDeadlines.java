package dev.lockstep.benchmarks.timers;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The deadlines of the timer row: drawn once per trial from a seeded {@link SplittableRandom}, in
 * the benchmark (not the simulation), so every contender schedules the same timers in the same
 * order.
 */
public final class RandomDeadlines {
    /** Deadlines fall within the first virtual hour, in nanoseconds; collisions are rare. */
    static final long HORIZON_NANOS = 3_600_000_000_000L;

    private RandomDeadlines() {}

    /** {@code count} deadlines in {@code [1, HORIZON_NANOS]}, in draw order. */
    public static long[] draw(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = random.nextLong(1, HORIZON_NANOS + 1);
        }
        return out;
    }

    /** The largest of {@code deadlines}. */
    static long last(long[] deadlines) {
        return Arrays.stream(deadlines).max().orElse(0);
    }

    /**
     * {@code deadlines} dealt round-robin into {@code parts} shares, each sorted: the sleeps of
     * one task that sleeps until each deadline of its share in turn.
     */
    static long[][] split(long[] deadlines, int parts) {
        long[][] out = new long[parts][];
        for (int p = 0; p < parts; p++) {
            int size = deadlines.length / parts + (p < deadlines.length % parts ? 1 : 0);
            out[p] = new long[size];
        }
        for (int i = 0; i < deadlines.length; i++) {
            out[i % parts][i / parts] = deadlines[i];
        }
        for (long[] share : out) {
            Arrays.sort(share);
        }
        return out;
    }
}
