package dev.lockstep.property;

import dev.lockstep.choice.Replay;
import dev.lockstep.choice.ReplaySetup;
import dev.lockstep.trace.TraceEvent;
import java.util.List;

/**
 * What one run left behind: if it failed, how, and its recorded choices.
 *
 * @param run       the run index passed to the scenario
 * @param setup     the setup the run's replay string carries (a swarm run's drawn plan, ...); none
 *                  for a run that passed (nothing shrinks, stores or reports it)
 * @param choices   every choice a failed run drew after its setup, in order, as recorded (clamped on
 *                  replay); empty for a run that passed
 * @param failure   what the scenario threw, or {@code null} if it passed
 * @param signature the failure's signature, or {@code null} if it passed
 * @param step      polls made when the run ended (at the failure, for a simulation failure)
 * @param nanos     virtual time when the run ended
 * @param trace     the last retained trace events of a failed run, oldest first; empty for a run that
 *                  passed (no report reads it)
 * @param traceHash the 64-bit hash of the whole trace
 * @param replayUsed for a replayed run, how many of the given choices it read, else {@code -1}
 * @param replayGiven for a replayed run, how many choices it was given, else {@code -1}
 * @param tags      the label of each choice ({@code Simulation.replayTags()}), aligned with {@code choices};
 *                  empty for a run that passed
 */
record RunResult(int run, ReplaySetup setup, int[] choices, Throwable failure, FailureSignature signature, long step,
        long nanos, List<TraceEvent> trace, long traceHash, int replayUsed, int replayGiven, byte[] tags) {

    RunResult {
        choices = choices.clone();
        tags = tags.length == choices.length ? tags.clone() : java.util.Arrays.copyOf(tags, choices.length);
        trace = List.copyOf(trace);
        if ((failure == null) != (signature == null)) {
            throw new IllegalArgumentException("a run has both a failure and its signature, or neither");
        }
    }

    boolean failed() {
        return failure != null;
    }

    /** Whether this run failed the same way as a run with signature {@code target}. */
    boolean failsLike(FailureSignature target) {
        return failure != null && signature.equals(target);
    }

    @Override
    public int[] choices() {
        return choices.clone();
    }

    @Override
    public byte[] tags() {
        return tags.clone();
    }

    /** The run as a replay: its setup and its choices. */
    Replay replay() {
        return new Replay(setup, choices);
    }
}
