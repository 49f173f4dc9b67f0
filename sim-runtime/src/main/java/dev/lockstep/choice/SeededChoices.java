package dev.lockstep.choice;

import java.util.SplittableRandom;

/** Draws from a {@link SplittableRandom} with a fixed seed: the same seed gives the same run. */
final class SeededChoices extends RecordingChoices {
    private final SplittableRandom random;
    private final long seed;

    SeededChoices(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    @Override
    int raw(int bound) {
        return bound == 1 ? 0 : random.nextInt(bound);
    }

    @Override
    boolean coin(double p) {
        return p > 0.0 && random.nextDouble() < p;
    }

    @Override
    public String toString() {
        return "seeded(" + seed + ")";
    }
}
