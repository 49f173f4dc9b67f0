package dev.lockstep.runtime;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.choice.Choices;
import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.fault.MoveReport;
import dev.lockstep.trace.TraceEvent;
import java.util.Objects;
import java.util.function.Function;

/**
 * Runs a scenario with moves and again on the same choices without them (see {@link MoveReport}).
 *
 * <p>The second run replays the first run's choices with relocation <em>dry</em>: every
 * relocation is still drawn, and traced under the same kind, but the future stays where it is, so
 * the two runs draw the same choices and, when the moves are invisible, produce the same trace
 * hash.
 */
final class MoveCheck {
    private MoveCheck() {}

    static MoveReport check(Simulation.Builder builder, Function<Simulation, ?> scenario) {
        FaultPlan plan = builder.faultPlan();
        if (!plan.isSwarm() && !plan.enabled(FaultKind.RELOCATE)) {
            plan = plan.with(FaultKind.RELOCATE, 0.5);
        }
        ChoiceSource source = builder.choicesOrNull() != null ? builder.choicesOrNull()
                : ChoiceSource.seeded(builder.seed());
        Simulation moved = builder.copyWith(source, Integer.MAX_VALUE).faults(plan).build();
        String withMoves = run(moved, scenario);
        int[] recorded = moved.choices().recorded();
        Simulation still = builder.copyWith(ChoiceSource.replay(recorded), Integer.MAX_VALUE).faults(plan)
                .dryMoves().build();
        String withoutMoves = run(still, scenario);
        int moves = 0;
        for (TraceEvent e : moved.trace().events()) {
            if (e instanceof TraceEvent.Fault f && f.kind().equals(FaultKind.RELOCATE.key())
                    && f.detail().startsWith("moved")) {
                moves++;
            }
        }
        boolean consistent = withMoves.equals(withoutMoves) && moved.traceHash() == still.traceHash();
        return new MoveReport(consistent, moves, withMoves, withoutMoves, moved.traceHash(), still.traceHash(),
                Choices.format(recorded), moved.faultPlan().toString());
    }

    /** How the scenario ended: its value, or the type of what it threw (messages name replay strings). */
    private static String run(Simulation sim, Function<Simulation, ?> scenario) {
        try {
            return "returned " + Objects.toString(scenario.apply(sim));
        } catch (RuntimeException | AssertionError e) {
            return "threw " + e.getClass().getName();
        }
    }
}
