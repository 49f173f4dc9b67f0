package dev.lockstep.benchmarks.sidebyside;

import dev.lockstep.benchmarks.agent.AgentSides;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Runs every side-by-side row and prints the table of {@code benchmarks/README.md} (also written
 * to {@code benchmarks/target/side-by-side.md}).
 *
 * <pre>
 * benchmarks/run.sh --side-by-side              # the whole set, 5 round pairs a row: a few minutes on 2 cores
 * benchmarks/run.sh --side-by-side --rounds 9   # more round pairs
 * benchmarks/run.sh --side-by-side agent        # only the sets whose name the regex finds
 * benchmarks/run.sh --side-by-side structures --only 'timer|sleeps'   # only the rows whose name the regex finds
 * </pre>
 * The sets, in the order they run: {@code executor}, {@code structures}, {@code await},
 * {@code memory}, {@code agent}. Run it with {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}
 * (run.sh does) for the continuation rows; without it they are left out.
 *
 * <h2>The agent</h2>
 * sim-agent is on the class path, so the first simulation self-attaches it, as in a user's
 * tests; Lockstep's own classes are never rewritten, so the other rows measure the same code as
 * without it. Before that, {@code main} names the agent row's untouched class loader in
 * {@code -Dlockstep.agent.excludeLoaders} (see {@link AgentRows}). The agent set runs last: its
 * attach lines start child JVMs.
 */
public final class SideBySideReport {
    /** The sets of rows, in the order they run. */
    private static final String SETS = "executor, structures, await, memory, agent";

    private SideBySideReport() {}

    public static void main(String[] args) throws Exception {
        AgentSides.excludeUntouchedLoader(); // before the first simulation attaches the agent
        int rounds = 5;
        int warmup = 2;
        Pattern sets = Pattern.compile(".*");
        String only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--only" -> {
                    only = args[++i];
                    Interleaved.select(Pattern.compile(only));
                }
                default -> {
                    if (args[i].startsWith("--")) {
                        throw new IllegalArgumentException("unknown argument '" + args[i] + "'; use --rounds N (round"
                                + " pairs per row), --warmup N, --only REGEX (rows), or a regex of the sets to run ("
                                + SETS + ")");
                    }
                    sets = Pattern.compile(args[i]);
                }
            }
        }
        double loadBefore = load();
        long start = System.nanoTime();
        List<Outcome> rows = new ArrayList<>();
        if (sets.matcher("executor").find()) {
            rows.addAll(ExecutorRows.all(warmup, rounds));
            rows.addAll(HandOffRows.all(warmup, rounds));
            progress(rows);
        }
        if (sets.matcher("structures").find()) {
            rows.addAll(StructureRows.all(warmup, rounds));
            progress(rows);
        }
        if (sets.matcher("await").find()) {
            rows.addAll(AwaitRows.all(warmup, rounds));
            progress(rows);
        }
        List<String> memory = sets.matcher("memory").find()
                && (only == null || Interleaved.selected("memory per object")) ? Footprint.rows() : List.of();
        List<String> underTable = new ArrayList<>();
        if (sets.matcher("agent").find()) {
            rows.addAll(AgentRows.all(warmup, rounds));
            progress(rows);
            underTable.addAll(AgentRows.attachLines());
        }
        rows.removeIf(java.util.Objects::isNull); // rows left out by --only
        if (rows.isEmpty() && memory.isEmpty()) {
            throw new IllegalArgumentException(only == null ? "the regex " + sets + " finds none of the sets " + SETS
                    : "--only " + only + " finds no row of the sets the regex " + sets + " selects (" + SETS + ")");
        }
        double loadAfter = load();
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Machine: %d cores, JDK %s; load average %.2f before, %.2f after;"
                        + " %d round pairs a row after %d warmup rounds of each side; the set took %d min %02d s.%n%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), loadBefore, loadAfter, rounds, warmup,
                seconds / 60, seconds % 60));
        md.append("| row | A | A, median per unit | B | B, median per unit | B/A, median | B/A per round pair | GC A / B |\n");
        md.append("| --- | --- | ---: | --- | ---: | ---: | --- | ---: |\n");
        for (Outcome o : rows) {
            md.append(o.markdown()).append('\n');
        }
        for (String line : underTable) {
            md.append("\n").append(line).append('\n');
        }
        if (!memory.isEmpty()) {
            md.append("\n| memory per object | bytes |\n| --- | ---: |\n");
            for (String m : memory) {
                md.append(m).append('\n');
            }
        }
        md.append("\n(checksum ").append(Interleaved.sink()).append(")\n");
        System.out.print(md);
        // The working directory is the module's under benchmarks/run.sh (Maven runs it there), the
        // project's when started by hand.
        Path target = Files.isDirectory(Path.of("benchmarks", "target")) ? Path.of("benchmarks", "target")
                : Path.of("target");
        if (Files.isDirectory(target)) {
            try {
                Files.writeString(target.resolve("side-by-side.md"), md.toString());
            } catch (IOException e) {
                System.err.println("could not write benchmarks/target/side-by-side.md: " + e);
            }
        }
    }

    private static void progress(List<Outcome> rows) {
        System.err.println(rows.size() + " rows measured, load average " + String.format(Locale.ROOT, "%.2f", load()));
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
