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
    /** Weights and type tags of the events folded in few steps ({@code Polled}, {@code Choice}): odd constants with mixed bits. */
    static final long STEP_WEIGHT = 0xBF58476D1CE4E5B9L;
    static final long WORD_WEIGHT = 0x94D049BB133111EBL;
    static final long POLLED_TAG = 0x2545F4914F6CDD1DL;
    static final long CHOICE_TAG = 0x5851F42D4C957F2DL;

    private TraceHash() {}

    /** {@code h} with {@code v} folded in: one multiply and one xor-shift. */
    public static long mix(long h, long v) {
        long x = (h ^ v) * MULTIPLIER;
        return x ^ (x >>> 29);
    }

    /** {@code h} with an event's type {@code tag}, {@code step} and {@code nanos} folded in. */
    public static long mix(long h, int tag, long step, long nanos) {
        return mix(mix(mix(h, tag), step), nanos);
    }

    /**
     * {@code h} with the string {@code s} folded in character by character (FNV-1a), then its
     * length. For strings that vary (task names, hosts); see {@link #word} for the few fixed ones.
     */
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

    /**
     * A 64-bit code for {@code s} that costs nothing to recompute: its length and
     * {@link String#hashCode()}, which the string caches after its first use and which the Java
     * language specifies ({@code s[0]*31^(n-1) + ... + s[n-1]}), so it is the same in every JVM.
     * For the fixed words of the trace (a wake's source), which are hashed at every hand-off, and
     * for a note's text (a virtualized call site notes the same string in every run); two words of
     * equal length and {@code hashCode} would hash alike, which is why names and other free text go
     * through {@link #mix(long, String)} instead. A note is folded with its step, time and task as
     * well, so two runs that differ only in a note's text and whose texts collide are the one blind
     * spot, and a note never stands alone in a divergence.
     */
    public static long word(String s) {
        return s == null ? 0x5bd1e995L : ((long) s.length() << 32) ^ (s.hashCode() & 0xFFFFFFFFL);
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
