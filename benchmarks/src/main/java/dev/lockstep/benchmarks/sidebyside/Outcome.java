package dev.lockstep.benchmarks.sidebyside;

import java.util.Locale;

/**
 * One row's figures: the median time per unit of each side, the per-round ratios (B over A, so
 * above 1 means A is faster) and their median, and the GC time each side caused.
 *
 * @param row       what was measured
 * @param a         Lockstep's side
 * @param aNs       A's median nanoseconds per unit
 * @param b         the baseline, or {@code null} for a row without one
 * @param bNs       B's median nanoseconds per unit ({@code NaN} without a baseline)
 * @param ratios    B/A per round pair
 * @param ratio     the median of {@code ratios}
 * @param gcMillisA GC time during A's rounds
 * @param gcMillisB GC time during B's rounds
 */
record Outcome(String row, String a, double aNs, String b, double bNs, double[] ratios, double ratio,
        long gcMillisA, long gcMillisB) {

    /** The row as a line of the markdown table. */
    String markdown() {
        StringBuilder rs = new StringBuilder();
        for (int i = 0; i < ratios.length; i++) {
            rs.append(i == 0 ? "" : " ").append(fmt(ratios[i]));
        }
        return "| " + row + " | " + a + " | " + time(aNs) + " | " + (b == null ? "-" : b) + " | "
                + (b == null ? "-" : time(bNs)) + " | " + (b == null ? "-" : "**" + fmt(ratio) + "×**") + " | "
                + (b == null ? "-" : rs) + " | " + gcMillisA + " / " + gcMillisB + " ms |";
    }

    /** Nanoseconds per unit, in a readable unit. */
    static String time(double ns) {
        if (ns >= 1e6) {
            return String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
        }
        if (ns >= 1e4) {
            return String.format(Locale.ROOT, "%.1f µs", ns / 1e3);
        }
        if (ns >= 1e3) {
            return String.format(Locale.ROOT, "%.2f µs", ns / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f ns", ns);
    }

    static String fmt(double x) {
        return x >= 10 ? String.format(Locale.ROOT, "%.0f", x) : x >= 1 ? String.format(Locale.ROOT, "%.2f", x)
                : String.format(Locale.ROOT, "%.3f", x);
    }
}
