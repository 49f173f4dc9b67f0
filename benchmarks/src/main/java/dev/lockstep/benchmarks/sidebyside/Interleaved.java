package dev.lockstep.benchmarks.sidebyside;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * The harness: runs two {@link Work}s in alternating rounds in this JVM and returns an
 * {@link Outcome}.
 *
 * <h2>A measurement</h2>
 * {@code warmup} rounds of each side (not recorded, to let the JIT compile both), then
 * {@code rounds} round pairs, the order alternating (A B, B A, A B, ...). A round is timed on the
 * calling thread's CPU time plus the side's {@link Work#helperCpuNanos() helper threads}, and the
 * GC time of the JVM during the round is recorded. Each pair gives a ratio, B's time per unit over
 * A's (so above 1 means A does the work faster); the outcome reports the medians.
 *
 * <p>Single-threaded; the harness itself reads real time only through the thread CPU clock.
 */
final class Interleaved {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final List<GarbageCollectorMXBean> GCS = ManagementFactory.getGarbageCollectorMXBeans();
    /** Sink for checksums, so that no round's work is dead code. */
    private static long sink;
    /** The rows to run (set once by the report's {@code --only}); every row when null. */
    private static java.util.regex.Pattern only;

    private Interleaved() {}

    /** Runs only the rows whose name {@code pattern} finds (a regular expression); null: every row. */
    static void select(java.util.regex.Pattern pattern) {
        only = pattern;
    }

    /** Whether the row named {@code row} runs (see {@link #select}). */
    static boolean selected(String row) {
        return only == null || only.matcher(row).find();
    }

    /** Measures {@code a} against {@code b}; null if the row is not {@linkplain #select selected}. */
    static Outcome compare(String row, String aName, Work a, String bName, Work b, int warmup, int rounds) {
        if (!selected(row)) {
            return null;
        }
        for (int i = 0; i < warmup; i++) {
            once(a);
            once(b);
        }
        double[] aNs = new double[rounds];
        double[] bNs = new double[rounds];
        double[] ratios = new double[rounds];
        long gcA = 0;
        long gcB = 0;
        for (int r = 0; r < rounds; r++) {
            long[] ra;
            long[] rb;
            if (r % 2 == 0) {
                ra = once(a);
                rb = once(b);
            } else {
                rb = once(b);
                ra = once(a);
            }
            aNs[r] = (double) ra[0] / a.units();
            bNs[r] = (double) rb[0] / b.units();
            gcA += ra[1];
            gcB += rb[1];
            ratios[r] = bNs[r] / aNs[r];
        }
        return new Outcome(row, aName, median(aNs), bName, median(bNs), ratios, median(ratios), gcA, gcB);
    }

    /** Measures {@code a} alone (a row without a baseline); null if the row is not selected. */
    static Outcome alone(String row, String aName, Work a, int warmup, int rounds) {
        if (!selected(row)) {
            return null;
        }
        for (int i = 0; i < warmup; i++) {
            once(a);
        }
        double[] aNs = new double[rounds];
        long gc = 0;
        for (int r = 0; r < rounds; r++) {
            long[] ra = once(a);
            aNs[r] = (double) ra[0] / a.units();
            gc += ra[1];
        }
        return new Outcome(row, aName, median(aNs), null, Double.NaN, new double[0], Double.NaN, gc, 0);
    }

    /** One round: {cpu nanos, gc millis}. */
    private static long[] once(Work w) {
        Work.Timed timed = w.prepare();
        long gc0 = gcMillis();
        long helper0 = w.helperCpuNanos();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long check;
        try {
            check = timed.run();
        } catch (Exception e) {
            throw new IllegalStateException("a round failed: " + e, e);
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - cpu0 + (w.helperCpuNanos() - helper0);
        long gc = gcMillis() - gc0;
        sink += check;
        return new long[] {cpu, gc};
    }

    /** CPU time of the thread {@code id}, for {@link Work#helperCpuNanos()}. */
    static long cpuOf(long threadId) {
        return THREADS.getThreadCpuTime(threadId);
    }

    private static long gcMillis() {
        long t = 0;
        for (GarbageCollectorMXBean gc : GCS) {
            t += Math.max(0, gc.getCollectionTime());
        }
        return t;
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** The checksum of every round (printed once, so the JIT cannot drop any work). */
    static long sink() {
        return sink;
    }
}
