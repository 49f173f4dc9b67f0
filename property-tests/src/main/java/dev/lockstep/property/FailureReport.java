package dev.lockstep.property;

import dev.lockstep.choice.Choices;
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
 * annotation attribute, system property and environment variable that replay it, and the last
 * trace events of the shrunk run. Apart from the measured shrink time, the report is the same
 * whatever the parallelism.
 *
 * @param property       the property's name, {@code Class#method} for a {@code @SimTest}
 * @param origin         how the failing run was found
 * @param source         where, in words ("run 17 of 1000", "stored failure 1 of …")
 * @param seed           the property's base seed
 * @param run            the failing run's index, or {@code -1} for a replayed run
 * @param runSeed        the failing run's seed, or {@code 0} for a replayed run
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
 */
public record FailureReport(String property, Origin origin, String source, long seed, int run, long runSeed,
        Shard shard, Throwable original, FailureSignature signature, int originalSize, String shrunkReplay,
        Throwable shrunkFailure, long step, long nanos, List<TraceEvent> trace, int shrinkRuns, Duration shrinkTime,
        boolean shrinkTimedOut, boolean reproduced) {

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

    /** The annotation attribute that replays the shrunk run: {@code @SimTest(replay = "…")}. */
    public String annotation() {
        return "@SimTest(replay = \"" + shrunkReplay + "\")";
    }

    /** The command line of this JVM's build tool ({@link BuildTool#current()}), with the system property, that replays the shrunk run. */
    public String systemProperty() {
        return systemProperty(BuildTool.current());
    }

    /** The command line of {@code tool}, with the system property, that replays the shrunk run. */
    public String systemProperty(BuildTool tool) {
        return tool.testCommand(property, "lockstep.replay", shrunkReplay);
    }

    /** The same with the environment variable. */
    public String environment() {
        return environment(BuildTool.current());
    }

    /** The same with the environment variable, for {@code tool}. */
    public String environment(BuildTool tool) {
        return tool.testCommandWithEnvironment(property, "LOCKSTEP_REPLAY", shrunkReplay);
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
        sb.append("  Replay:      ").append(shrunkReplay).append('\n');
        sb.append("    annotation:   ").append(annotation()).append('\n');
        sb.append("    system prop:  ").append(systemProperty(tool)).append('\n');
        sb.append("    environment:  ").append(environment(tool)).append('\n');
        sb.append("    plain API:    Simulation.builder().choices(ChoiceSource.replay(\"").append(shrunkReplay)
                .append("\"))\n");
        sb.append("  Last ").append(trace.size()).append(" trace events of the ")
                .append(reproduced && origin != Origin.REPLAY ? "shrunk" : "replayed").append(" run:\n");
        sb.append(Trace.format(trace).replaceAll("(?m)^", "  "));
        sb.append("  (The original exception is this error's cause; the shrunk run's is attached as suppressed.)");
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }

    private static String describe(Throwable t) {
        String s = t.toString();
        String[] lines = s.split("\n", -1);
        return lines.length <= 12 ? s : String.join("\n", List.of(lines).subList(0, 12)) + "\n(" + (lines.length - 12)
                + " more lines)";
    }

    private static String firstLine(Throwable t) {
        String s = t.toString();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String indent(String s, String prefix) {
        return s.replace("\n", "\n" + prefix);
    }
}
