package dev.lockstep.runtime;

/**
 * The per-run state of a {@link Scheduler}: given the run queue, which task to poll next. The
 * simulation asks once per poll; a policy draws from the run's choices and records its decision
 * in the trace, as documented on {@link Scheduler}.
 */
sealed interface SchedulePolicy permits UniformPolicy, PctPolicy {

    /** The index in {@code queue} (not empty) of the task to poll next. */
    int pick(RunQueue queue);

    /** The policy of {@code scheduler} for one run of {@code sim}; PCT draws its change points now. */
    static SchedulePolicy of(Scheduler scheduler, Simulation sim) {
        return switch (scheduler) {
            case Scheduler.Uniform u -> new UniformPolicy(sim);
            case Scheduler.Pct pct -> new PctPolicy(sim, pct.depth(), pct.estimatedSteps());
        };
    }
}
