package dev.lockstep.examples.hunt;

import dev.lockstep.examples.Scenario;
import dev.lockstep.examples.Variant;
import dev.lockstep.property.ScheduleShrinker;
import dev.lockstep.timeline.Timeline;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.trace.Trace;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The {@code hunt} command: runs a scenario over many seeds on all cores, stops at the first
 * failure (or goes on with {@code --all} or {@code --max-failures}, grouping failures by
 * signature), and prints each failure shrunk, with the replay string and the exact command that
 * replays it.
 *
 * <h2>Arguments</h2>
 * Taken as given, one word each (the {@code ./hunt} script passes its own unchanged); paths are
 * relative to the working directory. {@link HuntOptions#USAGE} lists them.
 *
 * <h2>Exit codes</h2>
 * 0 when nothing failed (and for {@code --help} and {@code --list}), 1 when a failure was found,
 * 2 on bad usage, and when a run cannot be set up (the scenario's {@code configure} throws, a replay
 * string's setup contradicts it); the message on standard error says what is wrong.
 */
public final class Hunt {
    /** How the command was started, shown in the "replay it" line; the script sets it to its {@code $0}. */
    static final String COMMAND_PROPERTY = "lockstep.hunt.command";

    private final PrintStream out;
    private final PrintStream err;
    private final String program;
    private final Path workingDir;

    /**
     * A command writing to {@code out} and {@code err}, naming itself {@code program} in replay
     * commands, resolving relative paths against {@code workingDir}.
     */
    Hunt(PrintStream out, PrintStream err, String program, Path workingDir) {
        this.out = out;
        this.err = err;
        this.program = program;
        this.workingDir = workingDir;
    }

    public static void main(String[] args) throws InterruptedException {
        Hunt hunt = new Hunt(System.out, System.err, System.getProperty(COMMAND_PROPERTY, "hunt"),
                Path.of("").toAbsolutePath());
        int code = hunt.run(Arrays.asList(args));
        System.out.flush();
        System.exit(code);
    }

    /** Runs the command; returns the exit code. */
    int run(List<String> args) throws InterruptedException {
        HuntOptions o;
        HuntTarget target;
        ClassLoader loader = Hunt.class.getClassLoader();
        try {
            o = HuntOptions.parse(args, Runtime.getRuntime().availableProcessors(), workingDir);
            if (o.help()) {
                out.println(HuntOptions.USAGE);
                return 0;
            }
            if (o.list()) {
                for (Scenario s : Scenarios.all()) {
                    out.printf(Locale.ROOT, "%-14s %s%n", s.name(), s.summary());
                }
                return 0;
            }
            if (o.scenarioClass().isPresent()) {
                UserScenarios.Loaded loaded = UserScenarios.load(o.scenarioClass().get(), o.classpath());
                loader = loaded.loader();
                target = new HuntTarget.User(loaded.scenario(), o.scenarioClass().get(), o.classpathText());
            } else {
                target = builtIn(o);
            }
        } catch (HuntOptions.UsageException e) {
            err.println("hunt: " + e.getMessage());
            err.println(HuntOptions.USAGE);
            return 2;
        }
        boolean keepAll = o.html().isPresent() || o.traceJson().isPresent();
        Hunter hunter = new Hunter(target, keepAll ? Integer.MAX_VALUE : Hunter.HUNT_CAPACITY, o.swarm(), loader);
        Thread.currentThread().setContextClassLoader(loader);
        if (o.replay().isPresent()) {
            return replay(o, target, hunter);
        }
        out.println("hunting " + target.describe() + ": " + o.runs() + " runs from seed " + o.seed() + " on "
                + o.jobs() + " thread(s)" + (o.swarm() ? ", each run drawing its own fault plan (swarm)" : ""));
        Progress progress = new Progress(out, System.console() != null, o.runs());
        List<RunOutcome> failures;
        try {
            failures = hunter.hunt(o.seed(), o.runs(), o.jobs(), o.maxFailures(), r -> progress.runDone(r.failed()));
        } catch (Hunter.SetupException e) {
            // The scenario's setup is refused: no run could be made, which is not "nothing failed".
            progress.finish();
            err.println("hunt: " + e.getMessage());
            return 2;
        }
        progress.finish();
        if (failures.isEmpty()) {
            out.printf(Locale.ROOT, "no failure in %d runs of %s (%.1fs)%n", progress.done(), target.describe(),
                    progress.elapsedSeconds());
            return 0;
        }
        if (!o.grouped()) {
            RunOutcome f = failures.get(0);
            out.println();
            out.printf(Locale.ROOT, "FAILED: %s, run %d (seed %d), found after %d runs%n", target.describe(),
                    f.index(), f.seed(), progress.done());
            report(o, target, hunter, f, true);
            return 1;
        }
        List<FailureGroups.Group> groups = FailureGroups.of(failures);
        out.println();
        out.printf(Locale.ROOT, "FAILED: %s: %d failing run%s in %d runs%s, %d distinct failure%s by signature%n",
                target.describe(), failures.size(), failures.size() == 1 ? "" : "s", progress.done(),
                failures.size() == o.maxFailures() && o.maxFailures() != Integer.MAX_VALUE
                        ? " (stopped at --max-failures " + o.maxFailures() + ")" : "",
                groups.size(), groups.size() == 1 ? "" : "s");
        for (int g = 0; g < groups.size(); g++) {
            FailureGroups.Group group = groups.get(g);
            out.printf(Locale.ROOT, "  [%d] %6d run%s  first run %d (seed %d)  %s%n", g + 1, group.runs().size(),
                    group.runs().size() == 1 ? " " : "s", group.first().index(), group.first().seed(), group.title());
        }
        for (int g = 0; g < groups.size(); g++) {
            FailureGroups.Group group = groups.get(g);
            out.println();
            out.printf(Locale.ROOT, "FAILED [%d/%d]: %s, run %d (seed %d), %d run%s like it%n", g + 1, groups.size(),
                    target.describe(), group.first().index(), group.first().seed(), group.runs().size(),
                    group.runs().size() == 1 ? "" : "s");
            report(o, target, hunter, group.first(), g == 0);
        }
        if (groups.size() > 1 && (o.html().isPresent() || o.traceJson().isPresent())) {
            out.println("(the timeline and trace files show failure [1])");
        }
        return 1;
    }

    private static HuntTarget builtIn(HuntOptions o) throws HuntOptions.UsageException {
        String name = o.scenario().orElseThrow();
        Scenario scenario = Scenarios.named(name).orElse(null);
        if (scenario == null) {
            throw new HuntOptions.UsageException("unknown scenario '" + name + "'; known: "
                    + String.join(", ", Scenarios.all().stream().map(Scenario::name).toList())
                    + " (or --scenario CLASS for your own)");
        }
        return new HuntTarget.Example(scenario, o.fixed() ? Variant.FIXED : Variant.BUGGY);
    }

    private int replay(HuntOptions o, HuntTarget target, Hunter hunter) {
        RunOutcome r;
        try {
            r = hunter.replay(o.replay().get());
        } catch (Hunter.SetupException e) {
            // A string whose setup contradicts the scenario's (another scenario's string): bad usage.
            err.println("hunt: " + e.getMessage());
            return 2;
        }
        if (!r.failed()) {
            out.println("replay of " + target.describe() + " passed: no failure on this schedule" + " (trace hash "
                    + r.sim().trace().hashHex() + ")");
            writeFiles(o, target, r.sim(), null, o.replay().get());
            return 0;
        }
        out.println();
        out.printf(Locale.ROOT, "FAILED: %s, replayed schedule%n", target.describe());
        report(o, target, hunter, r, true);
        return 1;
    }

    /** Shrinks {@code f} (unless it is a replay) and prints it; writes the files when {@code files}. */
    private void report(HuntOptions o, HuntTarget target, Hunter hunter, RunOutcome f, boolean files) {
        Simulation shown = f.sim();
        Throwable failure = f.failure();
        String replay = o.replay().orElse(f.replay());
        if (f.index() >= 0) {
            ScheduleShrinker.Shrunk s = hunter.shrink(f, o.shrinkTime());
            if (s.reproduced()) {
                out.printf(Locale.ROOT, "shrunk:       %d choices -> %d choices in %d runs (%.1fs%s)%n",
                        s.originalSize(), s.choices().length, s.runs(), s.elapsed().toMillis() / 1000.0,
                        s.timedOut() ? ", time budget reached" : "");
                shown = s.simulation();
                failure = s.failure();
                replay = s.replay();
            } else {
                out.println("shrunk:       not shrunk: the failure did not reproduce when replayed");
            }
        }
        out.println("  " + failure.toString().replace("\n", "\n  "));
        if (!String.valueOf(failure.getMessage()).contains("last events:")) {
            out.println("last events:");
            out.print(Trace.format(shown.trace().tail(12)));
        }
        out.println("trace hash:   " + shown.trace().hashHex());
        if (o.swarm()) {
            out.println("faults:       " + shown.faultPlan() + " (drawn by this run under --faults swarm)");
        } else if (!shown.faultPlan().isNone()) {
            out.println("faults:       " + shown.faultPlan() + " (the scenario's)");
        }
        out.println("replay:       " + replay);
        List<String> words = new ArrayList<>(target.selectArgs());
        if (!o.faults().equals("none")) {
            words.addAll(List.of("--faults", o.faults()));
        }
        words.addAll(List.of("--replay", replay));
        out.println("replay it:    " + ShellWords.quote(program) + " " + ShellWords.join(words));
        if (files) {
            writeFiles(o, target, shown, failure, replay);
        }
    }

    private void writeFiles(HuntOptions o, HuntTarget target, Simulation shown, Throwable failure, String replay) {
        Timeline timeline = Timeline.of(shown.trace()).title("hunt " + target.describe()).failure(failure)
                .replay(replay).choices(shown.choices().recorded());
        if (o.html().isPresent()) {
            Path file = o.html().get();
            try {
                timeline.write(file);
                out.println("timeline:     " + file);
            } catch (IOException | UncheckedIOException e) {
                err.println("hunt: cannot write the timeline to " + file + ": " + e.getMessage());
            }
        }
        if (o.traceJson().isPresent()) {
            Path file = o.traceJson().get();
            try {
                timeline.writeTraceEventJson(file);
                out.println("trace json:   " + file + " (open it in Perfetto UI or chrome://tracing)");
            } catch (IOException | UncheckedIOException e) {
                err.println("hunt: cannot write the trace JSON to " + file + ": " + e.getMessage());
            }
        }
    }
}
