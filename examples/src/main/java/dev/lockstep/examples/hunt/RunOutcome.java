package dev.lockstep.examples.hunt;

import dev.lockstep.runtime.Simulation;

/**
 * What one simulated run of a scenario did.
 *
 * @param index   the run index (seed = base seed + index); {@code -1} for a replay
 * @param seed    the seed, or 0 for a replay
 * @param sim     the simulation, for its trace and choices
 * @param failure what the scenario threw, or {@code null} if it passed
 */
record RunOutcome(long index, long seed, Simulation sim, Throwable failure) {
    boolean failed() {
        return failure != null;
    }

    String replay() {
        return sim.replayString();
    }
}
