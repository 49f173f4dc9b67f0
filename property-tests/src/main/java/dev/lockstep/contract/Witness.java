package dev.lockstep.contract;

import dev.lockstep.fault.FaultPlan;
import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The smallest run found that shows a violation, and how to run it again.
 *
 * <h2>Replaying</h2>
 * {@code FutureContract.of(..).faults(plan).replay(replay).check()} runs exactly this run again
 * (the same future factory and expectation are needed); so does
 * {@code Simulation.builder().faults(plan).choices(ChoiceSource.replay(replay))} with the
 * checker's harness. {@link #howToReplay()} prints the first form.
 *
 * @param plan          the fault plan the run was made under ({@code faults[swarm]} for a swarm run:
 *                      the drawn plan is part of the replay string)
 * @param run           the index of the run that first showed the violation under that plan
 * @param runSeed       that run's seed
 * @param replay        the replay string of the shrunk run
 * @param foundChoices  choices the first failing run drew
 * @param shrunkChoices choices the shrunk run needs
 * @param reproduced    whether the failing run showed the same violation again on replay; if not,
 *                      the future is not deterministic (static state, real time, real threads) and
 *                      {@code replay} is the unshrunk run's
 * @param cancelled     whether the checker cancelled the future mid-flight in this run
 * @param step          polls made when the violation was seen, in the shrunk run
 * @param nanos         virtual time then, in nanoseconds
 * @param trace         the last events of the shrunk run's trace, oldest first
 */
public record Witness(FaultPlan plan, int run, long runSeed, String replay, int foundChoices, int shrunkChoices,
        boolean reproduced, boolean cancelled, long step, long nanos, List<TraceEvent> trace) {

    public Witness {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(replay, "replay");
        trace = List.copyOf(trace);
        if (!replay.startsWith("lockstep:")) {
            throw new IllegalArgumentException("replay must be a replay string (lockstep:1:...), got '" + replay + "'");
        }
        if (run < 0 || foundChoices < 0 || shrunkChoices < 0 || step < 0 || nanos < 0) {
            throw new IllegalArgumentException("run, choices, step and nanos must be >= 0, got run " + run + ", choices "
                    + foundChoices + "/" + shrunkChoices + ", step " + step + ", nanos " + nanos);
        }
    }

    /** The checker call that runs this witness again: {@code .faults(FaultPlan.parse("..")).replay("..")}. */
    public String howToReplay() {
        return ".faults(FaultPlan.parse(\"" + plan + "\")).replay(\"" + replay + "\")";
    }

    /** Virtual time as traces print it: {@code 0.010s}, or {@code 0.000001500s} below a millisecond. */
    static String time(long nanos) {
        return nanos % 1_000_000 == 0 ? String.format(Locale.ROOT, "%.3fs", nanos / 1e9)
                : String.format(Locale.ROOT, "%.9fs", nanos / 1e9);
    }

    /** The trace as lines, {@code [step] t=... event}. */
    public String formatTrace() {
        return Trace.format(trace);
    }
}
