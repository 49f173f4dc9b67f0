package dev.lockstep.property;

import java.nio.charset.StandardCharsets;

/**
 * How a property's base seed becomes the seed of each run, and how a test's name becomes its
 * default base seed.
 *
 * <h2>Derivation</h2>
 * Run {@code i} (0-based) is seeded with {@code mix64(base + (i + 1) * 0x9E3779B97F4A7C15)}, where
 * {@code mix64} is the SplitMix64 finaliser
 * (Stafford's variant 13). That is exactly the {@code i}-th value of
 * {@code new SplittableRandom(base).nextLong()}, computed directly, so any run can be reproduced
 * on its own, in any order, on any shard, without running the ones before it. Each run then draws
 * from {@code ChoiceSource.seeded(runSeed)}.
 *
 * <h2>Default seeds</h2>
 * A test without an explicit seed uses {@link #fromName} of its class and method name: every
 * machine and every CI shard explores the same runs, and a report's seed means the same thing
 * everywhere. Set {@code LOCKSTEP_SEED} to explore other runs (for example the CI build number).
 */
public final class RunSeeds {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private RunSeeds() {}

    /**
     * The seed of run {@code run} of a property with base seed {@code base}.
     *
     * @throws IllegalArgumentException if {@code run} is negative
     */
    public static long of(long base, int run) {
        if (run < 0) {
            throw new IllegalArgumentException("run index must be >= 0, got " + run);
        }
        return mix64(base + (run + 1L) * GOLDEN_GAMMA);
    }

    /** A stable 64-bit seed for a name (FNV-1a over its UTF-8 bytes, then mixed). */
    public static long fromName(String name) {
        long h = 0xCBF29CE484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x100000001B3L;
        }
        return mix64(h);
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
