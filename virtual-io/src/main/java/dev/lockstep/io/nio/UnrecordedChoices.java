package dev.lockstep.io.nio;

import dev.lockstep.choice.ChoiceSource;
import java.util.SplittableRandom;

/**
 * The choices of a {@link RealRuntime}: a {@link SplittableRandom} with a fixed seed, so that
 * {@code select} and {@code race} stay fair, and nothing recorded, so a long-running service does
 * not accumulate draws. A real run cannot be replayed anyway (its timing is the machine's):
 * {@link #recorded()} is empty.
 */
final class UnrecordedChoices implements ChoiceSource {
    /** The seed of every real runtime's choices. */
    static final long SEED = 0x10C5_7E9L;

    private final SplittableRandom random = new SplittableRandom(SEED);

    @Override
    public int choose(int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("choose(bound) needs bound >= 1, got " + bound);
        }
        return bound == 1 ? 0 : random.nextInt(bound);
    }

    @Override
    public boolean chance(double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("chance(p) needs p in [0, 1], got " + p);
        }
        return p > 0 && random.nextDouble() < p;
    }

    @Override
    public long between(long lo, long hi) {
        if (lo > hi) {
            throw new IllegalArgumentException("between(lo, hi) needs lo <= hi, got " + lo + " > " + hi);
        }
        if (hi == Long.MAX_VALUE) {
            return lo == Long.MIN_VALUE ? random.nextLong() : random.nextLong(lo - 1, hi) + 1;
        }
        return random.nextLong(lo, hi + 1);
    }

    @Override
    public int[] recorded() {
        return new int[0];
    }

    @Override
    public int recordedCount() {
        return 0;
    }

    @Override
    public String replayString() {
        return "none (real runtime: choices are not recorded)";
    }

    @Override
    public String toString() {
        return "unrecorded(seed " + SEED + ")";
    }
}
