package dev.lockstep.benchmarks.agent;

import dev.lockstep.runtime.Simulation;

/**
 * Application code that the agent rewrites, as the benchmark sees it: the interface lives with
 * Lockstep's classes (never rewritten, one copy), its implementation in {@code com.example.metered},
 * loaded once per side by a {@link CopyLoader}.
 */
public interface AgentWorkload {
    /**
     * Runs the scenario once with {@code seed} in a fresh simulation.
     *
     * @return the finished simulation, for its trace hash and trace
     * @throws IllegalStateException if the scenario did not deliver what it sent
     */
    Simulation run(long seed);

    /**
     * What {@code System.nanoTime()}, called in this copy's code inside a fresh simulation after a
     * virtual hour of sleep, returns: 3,600,000,000,000 where the call is rewritten (virtual time),
     * a reading of the real clock where it is not.
     */
    long nanoTimeAfterOneVirtualHour();

    /**
     * The same scenario from the same copy, with or without its clock reads and with
     * {@code itemsPerRun} items a run (the default is 24, with the clock).
     */
    AgentWorkload variant(boolean readsClock, int itemsPerRun);
}
