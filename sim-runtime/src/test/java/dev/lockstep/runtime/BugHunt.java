package dev.lockstep.runtime;

import dev.lockstep.fault.FaultPlan;
import dev.lockstep.runtime.planted.PlantedBug;
import java.util.function.LongFunction;

/**
 * Runs a planted bug's scenario on consecutive seeds until it fails: the runs-to-failure measure
 * of the fault benchmark.
 *
 * @param runs    runs made, including the failing one
 * @param failure what the failing run threw, or {@code null} if none failed within the budget
 * @param seed    the seed of the failing run (or of the last run)
 * @param replay  the failing run's replay string, or empty
 * @param plan    the failing run's fault plan (a swarm run's drawn plan), or empty
 */
record BugHunt(int runs, Throwable failure, long seed, String replay, String plan) {

    /** Whether a run failed within the budget. */
    boolean found() {
        return failure != null;
    }

    /**
     * Runs {@code bug} (or its fixed twin) on simulations built by {@code builder} for seeds
     * {@code firstSeed, firstSeed + 1, ...}, at most {@code budget} runs, stopping at the first
     * failure.
     */
    static BugHunt hunt(PlantedBug bug, boolean fixed, LongFunction<Simulation.Builder> builder, long firstSeed,
            int budget) {
        for (int i = 0; i < budget; i++) {
            long seed = firstSeed + i;
            Simulation sim = builder.apply(seed).build();
            try {
                bug.run(sim, fixed);
            } catch (RuntimeException | AssertionError e) {
                return new BugHunt(i + 1, e, seed, sim.replayString(), sim.faultPlan().toString());
            }
        }
        return new BugHunt(budget, null, firstSeed + budget - 1, "", "");
    }

    /** Builds the simulations of {@code bug}'s targeted plan and scheduler. */
    static LongFunction<Simulation.Builder> targeted(PlantedBug bug) {
        return seed -> Simulation.builder().seed(seed).maxSteps(20_000).faults(bug.plan()).scheduler(bug.scheduler());
    }

    /** Builds swarm simulations: each run draws its own plan; uniform scheduling. */
    static LongFunction<Simulation.Builder> swarm() {
        return seed -> Simulation.builder().seed(seed).maxSteps(20_000).faults(FaultPlan.swarm());
    }
}
