package dev.lockstep.agent.internal.calls;

import dev.lockstep.internal.edge.EdgeRun;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Handlers of the shared random sources: on a simulation's thread (under {@code VIRTUALIZE})
 * {@code Math.random()}, {@code ThreadLocalRandom}, {@code UUID.randomUUID()} and
 * {@code Collections.shuffle(list)} draw from the run's shared stream ({@code EdgeRun.random()}),
 * seeded from its choices; elsewhere each call is the JDK's. {@code new Random()} and
 * {@code new SecureRandom()} become {@link SimRandom} and {@link SimSecureRandom}.
 *
 * <h2>ThreadLocalRandom</h2>
 * {@code ThreadLocalRandom.current()} cannot be replaced (the class cannot be subclassed), so the
 * calls made on it are, in each of their forms: {@code nextInt}, {@code nextLong}, {@code nextDouble},
 * {@code nextFloat}, {@code nextBoolean}, {@code nextGaussian}, {@code nextExponential} and
 * {@code nextBytes} with a {@code ThreadLocalRandom} receiver. A {@code ThreadLocalRandom} passed around as a {@code Random} is not seen.
 */
public final class RandomCalls {
    private RandomCalls() {
    }

    private static RandomGenerator shared(int site) {
        EdgeRun r = Sites.virtualizing(site);
        return r == null ? null : r.random();
    }

    public static double mathRandom(int site) {
        RandomGenerator g = shared(site);
        return g == null ? Math.random() : g.nextDouble();
    }

    /** {@code Math::random} as a method reference. */
    public static double mathRandomRef(int site) {
        return mathRandom(site);
    }

    /** {@code UUID::randomUUID} as a method reference. */
    public static UUID randomUUIDRef(int site) {
        return randomUUID(site);
    }

    public static UUID randomUUID(int site) {
        RandomGenerator g = shared(site);
        if (g == null) {
            return UUID.randomUUID();
        }
        long msb = (g.nextLong() & ~0xF000L) | 0x4000L;           // version 4
        long lsb = (g.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;   // IETF variant
        return new UUID(msb, lsb);
    }

    public static void shuffle(List<?> list, int site) {
        RandomGenerator g = shared(site);
        if (g == null) {
            Collections.shuffle(list);
        } else {
            Collections.shuffle(list, g);
        }
    }

    public static int nextInt(ThreadLocalRandom t, int site) {
        RandomGenerator g = shared(site);
        return g == null ? t.nextInt() : g.nextInt();
    }

    public static int nextInt(ThreadLocalRandom t, int bound, int site) {
        RandomGenerator g = shared(site);
        return g == null ? t.nextInt(bound) : g.nextInt(bound);
    }

    public static int nextInt(ThreadLocalRandom t, int origin, int bound, int site) {
        RandomGenerator g = shared(site);
        return g == null ? t.nextInt(origin, bound) : g.nextInt(origin, bound);
    }

    public static long nextLong(ThreadLocalRandom t, int site) {
        RandomGenerator g = shared(site);
        return g == null ? t.nextLong() : g.nextLong();
    }

    public static long nextLong(ThreadLocalRandom t, long bound, int site) {
        RandomGenerator g = shared(site);
        return g == null ? t.nextLong(bound) : g.nextLong(bound);
    }

    public static long nextLong(ThreadLocalRandom t, long origin, long bound, int site) {
        RandomGenerator g = shared(site);
        return g == null ? t.nextLong(origin, bound) : g.nextLong(origin, bound);
    }

    public static double nextDouble(ThreadLocalRandom t, int site) {
        RandomGenerator g = shared(site);
        return g == null ? t.nextDouble() : g.nextDouble();
    }

    public static double nextDouble(ThreadLocalRandom t, double bound, int site) {
        RandomGenerator g = shared(site);
        return g == null ? t.nextDouble(bound) : g.nextDouble(bound);
    }

    public static double nextDouble(ThreadLocalRandom t, double origin, double bound, int site) {
        RandomGenerator g = shared(site);
        return g == null ? t.nextDouble(origin, bound) : g.nextDouble(origin, bound);
    }

    public static float nextFloat(ThreadLocalRandom t, int site) {
        RandomGenerator g = shared(site);
        return g == null ? t.nextFloat() : g.nextFloat();
    }

    public static float nextFloat(ThreadLocalRandom t, float bound, int site) {
        RandomGenerator g = shared(site);
        return g == null ? t.nextFloat(bound) : g.nextFloat(bound);
    }

    public static float nextFloat(ThreadLocalRandom t, float origin, float bound, int site) {
        RandomGenerator g = shared(site);
        return g == null ? t.nextFloat(origin, bound) : g.nextFloat(origin, bound);
    }

    public static boolean nextBoolean(ThreadLocalRandom t, int site) {
        RandomGenerator g = shared(site);
        return g == null ? t.nextBoolean() : g.nextBoolean();
    }

    public static double nextGaussian(ThreadLocalRandom t, int site) {
        RandomGenerator g = shared(site);
        return g == null ? t.nextGaussian() : g.nextGaussian();
    }

    public static double nextGaussian(ThreadLocalRandom t, double mean, double stddev, int site) {
        RandomGenerator g = shared(site);
        return g == null ? t.nextGaussian(mean, stddev) : g.nextGaussian(mean, stddev);
    }

    public static double nextExponential(ThreadLocalRandom t, int site) {
        RandomGenerator g = shared(site);
        return g == null ? t.nextExponential() : g.nextExponential();
    }

    public static void nextBytes(ThreadLocalRandom t, byte[] bytes, int site) {
        RandomGenerator g = shared(site);
        if (g == null) {
            t.nextBytes(bytes);
        } else {
            fill(g, bytes);
        }
    }

    /** Fills {@code bytes} from {@code g}, eight at a time, as {@code Random.nextBytes} does. */
    static void fill(RandomGenerator g, byte[] bytes) {
        for (int i = 0; i < bytes.length; ) {
            for (long rnd = g.nextLong(), n = Math.min(bytes.length - i, 8); n-- > 0; rnd >>= 8) {
                bytes[i++] = (byte) rnd;
            }
        }
    }
}
