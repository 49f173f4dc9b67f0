package dev.lockstep.examples.hunt;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.examples.Scenario;
import dev.lockstep.examples.Variant;
import dev.lockstep.property.ScheduleShrinker;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.timeline.Timeline;
import dev.lockstep.trace.Trace;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The {@code hunt} command: runs a scenario over many seeds on all cores, stops at the first
 * failure (or continues with {@code --all}), and prints the failure with the replay string and
 * the exact command that replays it.
 *
 * <h2>Exit codes</h2>
 * 0 when nothing failed, 1 when a failure was found, 2 on bad usage.
 */
public final class Hunt {
    /** How the command was started, with {@code %s} for its arguments; set by the Maven profile. */
    static final String COMMAND_PROPERTY = "lockstep.hunt.command";
    /** Where to write the exit code, for the {@code ./hunt} script (Maven hides the process's own). */
    static final String EXIT_FILE_PROPERTY = "lockstep.hunt.exitFile";

    private final PrintStream out;
    private final PrintStream err;
    private final String commandTemplate;

    Hunt(PrintStream out, PrintStream err, String commandTemplate) {
        this.out = out;
        this.err = err;
        this.commandTemplate = commandTemplate;
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> argv = args.length == 1 && args[0].contains(" ")
                ? Arrays.asList(args[0].trim().split("\\s+")) : Arrays.asList(args);
        Hunt hunt = new Hunt(System.out, System.err, System.getProperty(COMMAND_PROPERTY, "hunt %s"));
        int code = hunt.run(argv);
        String exitFile = System.getProperty(EXIT_FILE_PROPERTY);
        if (exitFile != null) {
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(exitFile), Integer.toString(code));
            } catch (java.io.IOException e) {
                System.err.println("hunt: cannot write the exit code to " + exitFile + ": " + e.getMessage());
            }
        }
        System.exit(code);
    }

    /** Runs the command; returns the exit code. */
    int run(List<String> args) throws InterruptedException {
        HuntOptions o;
        try {
            o = HuntOptions.parse(args, Runtime.getRuntime().availableProcessors());
        } catch (HuntOptions.UsageException e) {
            err.println("hunt: " + e.getMessage());
            err.println(HuntOptions.USAGE);
            return 2;
        }
        if (o.list()) {
            for (Scenario s : Scenarios.all()) {
                out.printf(Locale.ROOT, "%-14s %s%n", s.name(), s.summary());
            }
            return 0;
        }
        String name = o.scenario().orElseThrow();
        Scenario scenario = Scenarios.named(name).orElse(null);
        if (scenario == null) {
            err.println("hunt: unknown scenario '" + name + "'; known: "
                    + String.join(", ", Scenarios.all().stream().map(Scenario::name).toList()));
            err.println(HuntOptions.USAGE);
            return 2;
        }
        Variant variant = o.fixed() ? Variant.FIXED : Variant.BUGGY;
        Hunter hunter = new Hunter(scenario, variant, o.html().isPresent() ? Integer.MAX_VALUE : 10_000, o.swarm());
        if (o.replay().isPresent()) {
            RunOutcome r = hunter.runOnce(-1, 0, ChoiceSource.replay(o.replay().get()));
            if (!r.failed()) {
                out.println("replay of " + describe(scenario, variant) + " passed: no failure on this schedule"
                        + " (trace hash " + r.sim().trace().hashHex() + ")");
                return 0;
            }
            report(o, scenario, variant, hunter, r, 0);
            return 1;
        }
        out.println("hunting " + describe(scenario, variant) + ": " + o.runs() + " runs from seed " + o.seed()
                + " on " + o.jobs() + " thread(s)" + (o.swarm() ? ", each run drawing its own fault plan (swarm)" : ""));
        Progress progress = new Progress(out, System.console() != null, o.runs());
        List<RunOutcome> failures = hunter.hunt(o.seed(), o.runs(), o.jobs(), o.all(),
                r -> progress.runDone(r.failed()));
        progress.finish();
        if (failures.isEmpty()) {
            out.printf(Locale.ROOT, "no failure in %d runs of %s (%.1fs)%n", progress.done(),
                    describe(scenario, variant), progress.elapsedSeconds());
            return 0;
        }
        for (RunOutcome f : failures) {
            report(o, scenario, variant, hunter, f, progress.done());
        }
        return 1;
    }

    private void report(HuntOptions o, Scenario scenario, Variant variant, Hunter hunter, RunOutcome f,
            long runsDone) {
        out.println();
        if (f.index() >= 0) {
            out.printf(Locale.ROOT, "FAILED: %s, run %d (seed %d), found after %d runs%n", describe(scenario, variant),
                    f.index(), f.seed(), runsDone);
        } else {
            out.printf(Locale.ROOT, "FAILED: %s, replayed schedule%n", describe(scenario, variant));
        }
        Simulation shown = f.sim();
        Throwable failure = f.failure();
        String replay = o.replay().map(String::strip).orElse(f.replay());
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
        String replayArgs = scenario.name() + (variant == Variant.FIXED ? " --fixed" : "")
                + (o.faults().equals("none") ? "" : " --faults " + o.faults()) + " --replay " + replay;
        out.println("replay it:    " + String.format(Locale.ROOT, commandTemplate, replayArgs));
        if (o.html().isPresent()) {
            try {
                Timeline.of(shown.trace()).title("hunt " + describe(scenario, variant)).failure(failure).replay(replay)
                        .write(o.html().get());
                out.println("timeline:     " + o.html().get().toAbsolutePath());
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                err.println("hunt: cannot write the timeline to " + o.html().get() + ": " + e.getMessage());
            }
        }
    }

    private static String describe(Scenario scenario, Variant variant) {
        return scenario.name() + " (" + variant.name().toLowerCase(Locale.ROOT) + ")";
    }
}
