package dev.lockstep.benchmarks.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmark set and prints the table of {@code benchmarks/README.md}.
 *
 * <pre>{@code
 * benchmarks/run.sh                                  # the short configuration (about 6½ minutes on 2 cores)
 * benchmarks/run.sh --rounds 3 -wi 3 -i 8            # the longer one
 * benchmarks/run.sh --rounds 1 -prof gc WakePoll     # any JMH option; a regex restricts the set
 * }</pre>
 *
 * <h2>Arguments</h2>
 * {@code --rounds N} (default 2) runs the whole set N times, one round after the other, and pools
 * the measurement iterations of all rounds (see {@link Figures}). Every other argument is a JMH
 * command-line option and applies to each round; without a benchmark regex every benchmark of
 * the module runs.
 *
 * <h2>Output</h2>
 * JMH's log, then the table on standard output; the table is also written to
 * {@code target/benchmark-table.md} of the working directory (the module's, under
 * {@code run.sh}). The header line gives cores, JDK, the system load average before and after,
 * and how long the set took, since the figures of a shared machine depend on the load.
 */
public final class Report {
    private static final String ALL = "dev\\.lockstep\\.benchmarks\\..*";
    private static final int DEFAULT_ROUNDS = 2;

    private Report() {}

    /** Runs the set with {@code args} and prints the table; exit code 2 on a bad argument. */
    public static void main(String[] args) throws RunnerException, IOException {
        List<String> jmhArgs = new ArrayList<>(Arrays.asList(args));
        int rounds = DEFAULT_ROUNDS;
        int at = jmhArgs.indexOf("--rounds");
        if (at >= 0) {
            try {
                rounds = Integer.parseInt(jmhArgs.get(at + 1));
            } catch (IndexOutOfBoundsException | NumberFormatException e) {
                rounds = 0;
            }
            if (rounds < 1) {
                System.err.println("--rounds needs a positive number, e.g. --rounds 2");
                System.exit(2);
            }
            jmhArgs.subList(at, at + 2).clear();
        }
        Options options;
        try {
            CommandLineOptions cli = new CommandLineOptions(jmhArgs.toArray(String[]::new));
            ChainedOptionsBuilder builder = new OptionsBuilder().parent(cli);
            if (cli.getIncludes().isEmpty()) {
                builder.include(ALL);
            }
            options = builder.build();
        } catch (CommandLineOptionException e) {
            System.err.println("bad JMH option: " + e.getMessage());
            System.exit(2);
            return;
        }
        double loadBefore = load();
        List<Collection<RunResult>> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            System.out.println("# Lockstep report: round " + round + " of " + rounds);
            results.add(new Runner(options).run());
        }
        // This JVM only runs the set, so its uptime is how long the set took.
        long seconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
        String machine = machine();
        String header = String.format(Locale.ROOT, "Machine: %s; load average %.2f before, %.2f after;"
                + " %d round(s), the set took %d min %02d s.%n%n", machine, loadBefore, load(), rounds,
                seconds / 60, seconds % 60);
        String table = header + Table.render(Rows.all(), new Figures(results), machine);
        System.out.println();
        System.out.println(table);
        Path out = Path.of("target", "benchmark-table.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
        System.out.println("(also written to " + out.toAbsolutePath().normalize() + ")");
    }

    /** Cores and JDK of this JVM (the benchmarks fork from the same JDK). */
    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, JDK " + System.getProperty("java.vm.version");
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
