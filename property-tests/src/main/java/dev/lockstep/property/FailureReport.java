package dev.lockstep.property;

import dev.lockstep.choice.Choices;
import dev.lockstep.choice.Replay;
import dev.lockstep.choice.ReplaySetup;
import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything known about a property's failure, and the text a developer reads.
 *
 * <p>{@link #format()} states where the failure was found (seed, run, shard), the original
 * exception, how far it shrank (sizes, shrink runs, time), the shrunk replay string with the
 * annotation attribute, system property and environment variable that replay it, the setup the
 * string carries (fault plan and scheduler, always named), the decisions the shrunk run needs in
 * words, and the last trace events of the shrunk run. Apart from the measured shrink time, the
 * report is the same whatever the parallelism.
 *
 * <h2>Size</h2>
 * Bounded whatever the run's length: exceptions are cut at 12 lines of at most 300 characters,
 * at most 12 decisions with their context, a replay string over {@value Choices#FILE_THRESHOLD}
 * characters is printed as its start and replayed through the file it was written to
 * ({@code @path}), and every trace line is cut at 200 characters. That is at most about 8 KB
 * plus the trace excerpt ({@code traceTail} events, 20 by default).
 *
 * @param property       the property's name, {@code Class#method} for a {@code @SimTest}
 * @param origin         how the failing run was found
 * @param source         where, in words ("run 17 of 1000", "stored failure 1 of …")
 * @param seed           the property's base seed
 * @param run            the failing run's index, or {@code -1} for a stored failure or a given
 *                       replay string ({@link Origin#STORED}, {@link Origin#REPLAY})
 * @param runSeed        the failing run's seed, or {@code 0} for a stored failure or a given
 *                       replay string
 * @param shard          the shard that ran it
 * @param original       what the failing run threw
 * @param signature      the failure's signature, which every shrink step preserved
 * @param originalSize   choices the failing run drew
 * @param shrunkReplay   the replay string of the shrunk run
 * @param shrunkFailure  what the shrunk run threw
 * @param step           polls made when the shrunk run failed
 * @param nanos          virtual time when the shrunk run failed
 * @param trace          the last trace events of the shrunk run
 * @param shrinkRuns     runs the shrink took (including the replay that confirmed the failure)
 * @param shrinkTime     real time the shrink took
 * @param shrinkTimedOut whether the shrink time budget ended the shrink
 * @param reproduced     whether replaying the failing run's choices failed the same way; if not,
 *                       the scenario is not deterministic and nothing was shrunk
 * @param originalSetup  the setup of the failing run before shrinking (its drawn fault plan, ...)
 * @param decisions      the shrunk run's decisions in words with their trace context, ready to print
 * @param replayFile     the file the shrunk replay string was also written to, or {@code null} when
 *                       it is short enough to pass as it is
 * @param notes          warnings about the replay (a string only partly used by the run, a record
 *                       that stopped at its cap)
 * @param timelineFile   the HTML timeline of the shrunk run, its decisions marked, or {@code null}
 *                       when none was written (no failure store)
 */
public record FailureReport(String property, Origin origin, String source, long seed, int run, long runSeed,
        Shard shard, Throwable original, FailureSignature signature, int originalSize, String shrunkReplay,
        Throwable shrunkFailure, long step, long nanos, List<TraceEvent> trace, int shrinkRuns, Duration shrinkTime,
        boolean shrinkTimedOut, boolean reproduced, ReplaySetup originalSetup, List<String> decisions,
        String replayFile, List<String> notes, String timelineFile) {

    /** How the failing run was found. */
    public enum Origin {
        /** A seeded run of the property. */
        SEEDED,
        /** A failure saved by an earlier check in the failure store, re-run first. */
        STORED,
        /** The replay string the property was given ({@code replay}, {@code LOCKSTEP_REPLAY}). */
        REPLAY
    }

    public FailureReport {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(shrunkFailure, "shrunkFailure");
        Objects.requireNonNull(shrinkTime, "shrinkTime");
        Choices.parse(shrunkReplay);
        trace = List.copyOf(trace);
        Objects.requireNonNull(originalSetup, "originalSetup");
        decisions = List.copyOf(decisions);
        notes = List.copyOf(notes);
        if (originalSize < 0 || shrinkRuns < 0) {
            throw new IllegalArgumentException("sizes and run counts must be >= 0");
        }
    }

    /** The shrunk choices. */
    public int[] shrunkChoices() {
        return Choices.parse(shrunkReplay);
    }

    /** How many choices the shrunk run needs. */
    public int shrunkSize() {
        return shrunkChoices().length;
    }

    /** The setup the shrunk replay string carries. */
    public ReplaySetup shrunkSetup() {
        return Replay.parse(shrunkReplay).setup();
    }

    /**
     * What the replay forms pass: the replay string, or {@code @path} to its file when it is over
     * {@value Choices#FILE_THRESHOLD} characters (a Java literal, a shell argument cannot hold it).
     */
    public String replayArgument() {
        return replayFile == null ? shrunkReplay : "@" + replayFile;
    }

    /** The annotation attribute that replays the shrunk run: {@code @SimTest(replay = "…")}. */
    public String annotation() {
        return "@SimTest(replay = \"" + replayArgument() + "\")";
    }

    /** The command line of this JVM's build tool ({@link BuildTool#current()}), with the system property, that replays the shrunk run. */
    public String systemProperty() {
        return systemProperty(BuildTool.current());
    }

    /** The command line of {@code tool}, with the system property, that replays the shrunk run. */
    public String systemProperty(BuildTool tool) {
        return tool.testCommand(property, "lockstep.replay", replayArgument());
    }

    /** The same with the environment variable. */
    public String environment() {
        return environment(BuildTool.current());
    }

    /** The plain-API line that replays the shrunk run without JUnit. */
    public String plainApi() {
        return "Simulation.builder().replay(\"" + replayArgument() + "\")";
    }

    /** The same with the environment variable, for {@code tool}. */
    public String environment(BuildTool tool) {
        return tool.testCommandWithEnvironment(property, "LOCKSTEP_REPLAY", replayArgument());
    }

    /** The report as text, with the commands of this JVM's build tool: the message of the {@link LockstepFailure} a failing check throws. */
    public String format() {
        return format(BuildTool.current());
    }

    /** The report as text, with the replay commands of {@code tool}. */
    public String format(BuildTool tool) {
        StringBuilder sb = new StringBuilder();
        sb.append("Property ").append(property).append(" failed.\n");
        sb.append("  Found at:    ").append(source).append('\n');
        sb.append("  Failure:     ").append(indent(describe(original), "               ")).append('\n');
        if (!signature.location().isEmpty()) {
            sb.append("               at ").append(signature.location()).append('\n');
        }
        if (origin == Origin.REPLAY) {
            sb.append("  Replayed:    the given choices, not shrunk again; at step ").append(step)
                    .append(", virtual time ").append(String.format(Locale.ROOT, "%.3fs", nanos / 1e9)).append('\n');
        } else if (!reproduced) {
            sb.append("  NOT SHRUNK:  replaying the run's choices did not fail the same way, so the scenario is not"
                    + " deterministic\n               (real time, real randomness, threads, state shared between runs?)."
                    + " Replay kept: ").append(originalSize).append(" choices.\n");
        } else {
            sb.append("  Shrunk:      from ").append(originalSize).append(" choices to ").append(shrunkSize())
                    .append(" in ").append(shrinkRuns).append(" runs (")
                    .append(String.format(Locale.ROOT, "%.3f s", shrinkTime.toNanos() / 1e9)).append(", ")
                    .append(shrinkTimedOut ? "stopped by the shrink time budget; raise shrinkTime to shrink further"
                            : "converged").append(")\n");
            sb.append("  Shrunk run:  ").append(indent(firstLine(shrunkFailure), "               "))
                    .append("\n               at step ").append(step).append(", virtual time ")
                    .append(String.format(Locale.ROOT, "%.3fs", nanos / 1e9)).append('\n');
        }
        ReplaySetup shrunk = shrunkSetup();
        sb.append("  Setup:       ").append(shrunk.describe());
        if (!shrunk.equals(originalSetup) && origin != Origin.REPLAY) {
            sb.append("\n               (the failing run had ").append(originalSetup.describe())
                    .append("; the rest is not needed)");
        }
        sb.append('\n');
        if (replayFile == null) {
            sb.append("  Replay:      ").append(shrunkReplay).append('\n');
        } else {
            sb.append("  Replay:      ").append(shrunkReplay, 0, 120).append("... (").append(shrunkReplay.length())
                    .append(" characters, written whole to ").append(replayFile).append(")\n");
        }
        sb.append("    annotation:   ").append(annotation()).append('\n');
        sb.append("    system prop:  ").append(systemProperty(tool)).append('\n');
        sb.append("    environment:  ").append(environment(tool)).append('\n');
        sb.append("    plain API:    ").append(plainApi()).append('\n');
        if (timelineFile != null) {
            sb.append("  Timeline:    ").append(timelineFile).append('\n');
        }
        for (String note : notes) {
            sb.append("  Warning:     ").append(cut(note, 300)).append('\n');
        }
        if (!decisions.isEmpty()) {
            sb.append("  Decisions the failure needs (the shrunk run's choices that are not the plain outcome):\n");
            for (String line : decisions) {
                sb.append("    ").append(line).append('\n');
            }
        }
        sb.append("  Last ").append(trace.size()).append(" trace events of the ")
                .append(reproduced && origin != Origin.REPLAY ? "shrunk" : "replayed").append(" run:\n");
        for (TraceEvent e : trace) {
            sb.append("  ").append(cut(Trace.line(e), 200)).append('\n');
        }
        sb.append("  (The original exception is this error's cause; the shrunk run's is attached as suppressed.)");
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }

    private static String describe(Throwable t) {
        String[] lines = t.toString().split("\n", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(12, lines.length); i++) {
            sb.append(i == 0 ? "" : "\n").append(cut(lines[i], 300));
        }
        return lines.length <= 12 ? sb.toString() : sb + "\n(" + (lines.length - 12) + " more lines)";
    }

    private static String firstLine(Throwable t) {
        String s = t.toString();
        int nl = s.indexOf('\n');
        return cut(nl < 0 ? s : s.substring(0, nl), 300);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    private static String indent(String s, String prefix) {
        return s.replace("\n", "\n" + prefix);
    }
}
