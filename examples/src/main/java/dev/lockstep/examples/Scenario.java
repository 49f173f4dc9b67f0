package dev.lockstep.examples;

import dev.lockstep.runtime.Simulation;

/**
 * A runnable example: production-style code with a planted bug, its fixed twin, and the check
 * that tells them apart.
 *
 * <h2>Contract</h2>
 * {@link #run} builds the scenario's tasks on the given simulation, runs them to completion with
 * {@code sim.blockOn}, and throws (an {@link AssertionError} or the simulation's own diagnosis,
 * such as a deadlock) when the scenario's property does not hold. It draws every decision from
 * the simulation, so a run is reproduced exactly by its replay string.
 */
public interface Scenario {

    /** The name used on the command line, e.g. {@code lost-wakeup}. */
    String name();

    /** One line: what the code does and what the planted bug is. */
    String summary();

    /**
     * The number of runs within which the harness is expected to find the buggy variant's bug,
     * from seed 0; the scenario's test holds it to that.
     */
    int budget();

    /**
     * Adjusts the simulation for this scenario (limits, fault plan); the default changes nothing.
     * {@code hunt --faults swarm} replaces the fault plan set here by {@code FaultPlan.swarm()}.
     */
    default Simulation.Builder configure(Simulation.Builder builder) {
        return builder;
    }

    /** Runs one simulated execution of {@code variant}; throws if its property fails. */
    void run(Simulation sim, Variant variant);
}
