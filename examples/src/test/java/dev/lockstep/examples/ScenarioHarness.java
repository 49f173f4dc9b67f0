package dev.lockstep.examples;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.runtime.Simulation;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Runs scenarios over seeds for the examples' tests. */
public final class ScenarioHarness {
    private ScenarioHarness() {}

    /** A failing run: its index, replay string and failure. */
    public record Failure(long run, String replay, Throwable failure) {}

    /** The first failing run among {@code runs} seeds from 0, if any. */
    public static Optional<Failure> firstFailure(Scenario scenario, Variant variant, long runs) {
        return firstFailure(scenario, variant, runs, scenario::configure);
    }

    /**
     * The first failing run among {@code runs} seeds from 0, with the simulation set up by
     * {@code configure} instead of the scenario's own {@link Scenario#configure}.
     */
    public static Optional<Failure> firstFailure(Scenario scenario, Variant variant, long runs,
            UnaryOperator<Simulation.Builder> configure) {
        for (long i = 0; i < runs; i++) {
            Simulation sim = configure.apply(Simulation.builder().choices(ChoiceSource.seeded(i))).build();
            try {
                scenario.run(sim, variant);
            } catch (RuntimeException | AssertionError e) {
                return Optional.of(new Failure(i, sim.replayString(), e));
            }
        }
        return Optional.empty();
    }

    /** Whether replaying {@code replay} fails in the same way (same exception type). */
    public static boolean replayFails(Scenario scenario, Variant variant, String replay, Class<?> type) {
        Simulation sim = scenario.configure(Simulation.builder().choices(ChoiceSource.replay(replay))).build();
        try {
            scenario.run(sim, variant);
            return false;
        } catch (RuntimeException | AssertionError e) {
            return type.isInstance(e);
        }
    }
}
