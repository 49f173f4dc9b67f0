package dev.lockstep.benchmarks.report;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmark set and prints the table of {@code benchmarks/README.md}.
 *
 * <pre>{@code
 * benchmarks/run.sh                       # the default, short configuration (under 10 minutes on 2 cores)
 * benchmarks/run.sh -wi 5 -i 10 -f 3      # the longer one
 * benchmarks/run.sh -prof gc WakePoll     # any JMH option; a regex restricts the set
 * }</pre>
 *
 * <p>Arguments are JMH's own command-line options; without a benchmark regex every benchmark of
 * the module runs. The table goes to standard output, after JMH's log, and to
 * {@code benchmarks/target/benchmark-table.md}. The machine column names the cores and the JDK; the
 * header line adds the system load average before and after the run, since the figures of a
 * shared machine depend on it.
 */
public final class Report {
    private static final String ALL = "dev\\.lockstep\\.benchmarks\\..*";

    private Report() {}

    /** Runs the set with {@code args} (JMH options) and prints the table. */
    public static void main(String[] args) throws RunnerException, java.io.IOException {
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("bad JMH option: " + e.getMessage());
            System.exit(2);
            return;
        }
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(ALL);
        }
        double loadBefore = load();
        Collection<RunResult> results = new Runner(options.build()).run();
        // This JVM only runs the set, so its uptime is how long the set took.
        long seconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
        String machine = machine();
        String header = String.format(Locale.ROOT, "Machine: %s; load average %.2f before, %.2f after;"
                + " the set took %d min %02d s.%n%n", machine, loadBefore, load(), seconds / 60, seconds % 60);
        String table = header + Table.render(Rows.all(), new Figures(results), machine);
        System.out.println();
        System.out.println(table);
        Path out = Path.of("benchmarks", "target", "benchmark-table.md");
        if (!Files.isDirectory(out.getParent())) {
            out = Path.of("target", "benchmark-table.md");
        }
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
