package dev.lockstep.trace;

import java.util.Locale;

/**
 * Mixing functions for the 64-bit trace hash, and formatting shared by trace lines.
 *
 * <p>The hash depends only on event contents (numbers and strings), never on identity hash codes
 * or iteration order, so equal runs hash equally in any JVM.
 */
public final class TraceHash {
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    private TraceHash() {}

    public static long mix(long h, long v) {
        long x = (h ^ v) * MULTIPLIER;
        return x ^ (x >>> 29);
    }

    public static long mix(long h, int tag, long step, long nanos) {
        return mix(mix(mix(h, tag), step), nanos);
    }

    public static long mix(long h, String s) {
        if (s == null) {
            return mix(h, 0x5bd1e995L);
        }
        long x = h;
        for (int i = 0; i < s.length(); i++) {
            x = (x ^ s.charAt(i)) * 0x100000001B3L;
        }
        return mix(x, s.length());
    }

    public static String label(int task, String name) {
        return task < 0 ? (name == null || name.isEmpty() ? "-" : name) : "'" + name + "'#" + task;
    }

    /** Virtual time as seconds with millisecond precision, or finer where needed. */
    public static String time(long nanos) {
        if (nanos % 1_000_000 == 0) {
            return String.format(Locale.ROOT, "%.3fs", nanos / 1e9);
        }
        return String.format(Locale.ROOT, "%.9fs", nanos / 1e9);
    }
}
