package dev.lockstep.runtime;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.choice.Choices;
import dev.lockstep.trace.DeterminismReport;
import dev.lockstep.trace.TraceEvent;
import java.util.List;
import java.util.function.Consumer;

/** Runs a scenario twice on the same choices and compares the traces event by event. */
final class Determinism {
    private Determinism() {}

    static DeterminismReport check(Simulation.Builder builder, Consumer<Simulation> scenario) {
        ChoiceSource firstSource = builder.choicesOrNull() != null ? builder.choicesOrNull()
                : ChoiceSource.seeded(builder.seed());
        Simulation first = builder.copyWith(firstSource, Integer.MAX_VALUE).build();
        runQuietly(first, scenario);
        int[] recorded = first.choices().recorded();
        Simulation second = builder.copyWith(ChoiceSource.replay(recorded), Integer.MAX_VALUE).build();
        runQuietly(second, scenario);
        List<TraceEvent> a = first.trace().events();
        List<TraceEvent> b = second.trace().events();
        int n = Math.min(a.size(), b.size());
        int diff = -1;
        for (int i = 0; i < n; i++) {
            if (!a.get(i).equals(b.get(i))) {
                diff = i;
                break;
            }
        }
        if (diff < 0 && a.size() != b.size()) {
            diff = n;
        }
        String replay = Choices.format(recorded);
        if (diff < 0) {
            return new DeterminismReport(true, first.traceHash(), second.traceHash(), a.size(), -1, null, null, replay);
        }
        return new DeterminismReport(false, first.traceHash(), second.traceHash(), a.size(), diff,
                diff < a.size() ? a.get(diff) : null, diff < b.size() ? b.get(diff) : null, replay);
    }

    private static void runQuietly(Simulation sim, Consumer<Simulation> scenario) {
        try {
            scenario.accept(sim);
        } catch (RuntimeException | AssertionError e) {
            // Compared up to the failure: a deterministic failure fails the same way twice.
        }
    }
}
