package dev.lockstep.benchmarks.sync;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Messages per CPU-second through a channel between two parties, three ways in one JVM:
 * <ol>
 *   <li><b>A</b> {@code Mpsc.bounded(1)} between two tasks of a {@code Simulation};
 *   <li><b>B</b> a hand-written one-slot channel ({@link OneSlotChannel}) between the same two tasks;
 *   <li><b>C</b> {@code ArrayBlockingQueue(1)} between two platform threads.
 * </ol>
 * With {@code --capacity K} (default 1) A and C use capacity {@code K}; B has one slot always.
 *
 * <h2>Method</h2>
 * Each round runs A, B and C once each, in an order that rotates from round to round (ABC, BCA,
 * CAB, ...), so that load from other processes falls on all three alike. The first
 * {@code --warmup} rounds (default 3) are discarded. A and B run on the calling thread and are
 * timed by its CPU time; C is timed by the CPU time of both of its threads together. The table
 * gives, per variant, the best and median rate over the measured rounds, and the ratios of A's
 * best to B's and C's. Every transfer's sum is checked.
 *
 * <h2>Command</h2>
 * {@code mvn -B -q -pl benchmarks -am package -DskipTests}, then with a JDK 21+ {@code java}:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.lockstep.benchmarks.sync.MpscThroughput
 * [--messages N] [--rounds R] [--warmup W] [--capacity K]}.
 */
public final class MpscThroughput {
    private MpscThroughput() {}

    /** Runs the comparison; see the class comment. */
    public static void main(String[] args) throws InterruptedException {
        int messages = 200_000;
        int rounds = 12;
        int warmup = 3;
        int capacity = 1;
        for (int i = 0; i < args.length; i += 2) {
            int v = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--messages" -> messages = v;
                case "--rounds" -> rounds = v;
                case "--warmup" -> warmup = v;
                case "--capacity" -> capacity = v;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --messages N --rounds R --warmup W --capacity K");
            }
        }
        CpuTime.require();
        long expected = (long) messages * (messages - 1) / 2;
        String[] names = {"A Mpsc.bounded(" + capacity + "), 2 sim tasks", "B hand-written one-slot, 2 sim tasks",
                "C ArrayBlockingQueue(" + capacity + "), 2 threads"};
        double[] polls = new double[3];
        List<List<Double>> rates = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int r = 0; r < warmup + rounds; r++) {
            for (int k = 0; k < 3; k++) {
                int variant = (r + k) % 3;
                long[] otherCpu = {0};
                long[] steps = {0};
                long start = CpuTime.current();
                long sum = switch (variant) {
                    case 0 -> Transfers.mpsc(r, messages, capacity, steps);
                    case 1 -> Transfers.oneSlot(r, messages, steps);
                    default -> Transfers.blockingQueue(messages, capacity, otherCpu);
                };
                long cpu = CpuTime.current() - start + otherCpu[0];
                if (sum != expected) {
                    throw new IllegalStateException(names[variant] + ": received sum " + sum + ", expected " + expected);
                }
                if (r >= warmup) {
                    rates.get(variant).add(messages / (cpu / 1e9));
                    polls[variant] = steps[0] / (double) messages;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d messages per transfer, %d measured rounds after %d warmup, %d cores, JDK %s%n",
                messages, rounds, warmup, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.println("| variant | best msgs/CPU-s | median msgs/CPU-s | polls per message |");
        System.out.println("| --- | ---: | ---: | ---: |");
        double[] best = new double[3];
        for (int v = 0; v < 3; v++) {
            double[] xs = rates.get(v).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            best[v] = xs[xs.length - 1];
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %s |%n", names[v], best[v], median(xs),
                    v == 2 ? "-" : String.format(Locale.ROOT, "%.2f", polls[v]));
        }
        System.out.printf(Locale.ROOT, "A/B (best) = %.2f, A/C (best) = %.2f%n", best[0] / best[1], best[0] / best[2]);
    }

    private static double median(double[] sorted) {
        double[] xs = Arrays.copyOf(sorted, sorted.length);
        int m = xs.length / 2;
        return xs.length % 2 == 1 ? xs[m] : (xs[m - 1] + xs[m]) / 2;
    }
}
