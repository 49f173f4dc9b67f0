package dev.lockstep.property;

import dev.lockstep.runtime.Simulation;
import java.util.function.Consumer;

/**
 * One run of a property: drives a fresh {@link Simulation} and throws if something is wrong.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Everything the scenario decides must come from {@code sim.choices()} (schedule, faults and
 *       the test's own data, drawn with {@code between}, {@code chance}, {@code pick}), so that the
 *       run's recorded choices reproduce it and shrink it.
 *   <li>The run index is a label (for names and logs). Behaviour must not depend on it: a replayed
 *       run (from a replay string or the failure store) is given run index 0.
 *   <li>Any {@link Throwable} is a failure: an {@link AssertionError}, a
 *       {@link dev.lockstep.runtime.SimulationException} (deadlock, step limit, a failed task), or
 *       any other exception.
 * </ul>
 *
 * <h2>Setup</h2>
 * {@link #configure} may set up each run's simulation builder (limits, a fault plan, services)
 * before the run; the default changes nothing. A {@link Property} applies it after its own limits
 * and before its {@link Property#customise customisers}; the {@code hunt} command line applies it
 * to every run, replay and shrink of a scenario class given with {@code --scenario}.
 *
 * <h2>The hunt command line</h2>
 * A public class with a public no-argument constructor that implements this interface can be
 * hunted over many seeds on all cores: {@code ./hunt --scenario com.example.MyScenario
 * --classpath target/test-classes:...}. Each run gets a new simulation; the instance is shared by
 * the runs, so it must hold no mutable state.
 *
 * <h2>Threads</h2>
 * The simulation was built on the calling thread and must be run there. With parallelism above
 * one, several runs execute at once on different threads: a scenario must not share mutable state
 * between runs.
 */
@FunctionalInterface
public interface Scenario {

    /**
     * Runs the scenario once.
     *
     * @param sim the run's simulation, built for this run only
     * @param run the run index within the property (0-based)
     * @throws Throwable when the property does not hold
     */
    void run(Simulation sim, int run) throws Throwable;

    /**
     * Sets up the builder of every run before its choices are set; returns the builder. The
     * default returns it unchanged.
     */
    default Simulation.Builder configure(Simulation.Builder builder) {
        return builder;
    }

    /** A scenario that ignores the run index. */
    static Scenario of(Consumer<Simulation> body) {
        return (sim, run) -> body.accept(sim);
    }
}
