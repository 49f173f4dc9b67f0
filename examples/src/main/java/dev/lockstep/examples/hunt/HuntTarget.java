package dev.lockstep.examples.hunt;

import dev.lockstep.examples.Scenario;
import dev.lockstep.examples.Variant;
import dev.lockstep.runtime.Simulation;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.List;
import java.util.Locale;

/**
 * What a hunt runs: a built-in example scenario in one of its variants, or a user's
 * {@link dev.lockstep.property.Scenario} loaded by {@link UserScenarios}.
 *
 * <h2>Runs</h2>
 * {@link #configure} sets up each run's builder (limits, the scenario's fault plan) before the hunt
 * adds its trace capacity, swarm faults and choices; {@link #run} runs it once and throws when the
 * scenario's property fails. A checked exception of a user scenario reaches the hunt wrapped in an
 * {@link UndeclaredThrowableException}, the same way on every run, so it shrinks like any other.
 */
sealed interface HuntTarget {

    /** How reports name it, e.g. {@code lost-wakeup (buggy)} or {@code com.example.MyScenario}. */
    String describe();

    /** The arguments after the program name that select it again, for the replay command. */
    List<String> selectArgs();

    /** Sets up the builder of one run. */
    Simulation.Builder configure(Simulation.Builder builder);

    /** Runs once as run {@code run} (0 for replays and shrinking); throws if the property fails. */
    void run(Simulation sim, int run);

    /** A built-in scenario. */
    record Example(Scenario scenario, Variant variant) implements HuntTarget {
        @Override
        public String describe() {
            return scenario.name() + " (" + variant.name().toLowerCase(Locale.ROOT) + ")";
        }

        @Override
        public List<String> selectArgs() {
            return variant == Variant.FIXED ? List.of(scenario.name(), "--fixed") : List.of(scenario.name());
        }

        @Override
        public Simulation.Builder configure(Simulation.Builder builder) {
            return scenario.configure(builder);
        }

        @Override
        public void run(Simulation sim, int run) {
            scenario.run(sim, variant);
        }
    }

    /**
     * A user's scenario.
     *
     * @param className     its class, as given to {@code --scenario}
     * @param classpathText {@code --classpath} as given, or {@code ""}
     */
    record User(dev.lockstep.property.Scenario scenario, String className, String classpathText)
            implements HuntTarget {
        @Override
        public String describe() {
            return className;
        }

        @Override
        public List<String> selectArgs() {
            return classpathText.isEmpty() ? List.of("--scenario", className)
                    : List.of("--scenario", className, "--classpath", classpathText);
        }

        @Override
        public Simulation.Builder configure(Simulation.Builder builder) {
            return scenario.configure(builder);
        }

        @Override
        public void run(Simulation sim, int run) {
            try {
                scenario.run(sim, run);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new UndeclaredThrowableException(e, className + " threw " + e);
            }
        }
    }
}
