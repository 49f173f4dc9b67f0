package dev.lockstep.internal.schedule;

import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.schedule.Scheduler;
import dev.lockstep.trace.Trace;


/**
 * The per-run state of a {@link Scheduler}: given the run queue, which task to poll next. The
 * simulation asks once per poll; a policy draws from the run's choices and records its decision
 * in the trace, as documented on {@link Scheduler}.
 */
public sealed interface SchedulePolicy<T extends Schedulable> permits UniformPolicy, PctPolicy, BoundedPolicy {

    /** The index in {@code queue} (not empty) of the task to poll next. */
    int pick(RunQueue<T> queue);

    /**
     * The policy of {@code scheduler} for one run whose choices, step and clock {@code run} gives
     * and whose decisions go to {@code trace}; PCT draws its change points now.
     */
    static <T extends Schedulable> SchedulePolicy<T> of(Scheduler scheduler, RuntimeHandle run, Trace trace) {
        return switch (scheduler) {
            case Scheduler.Uniform u -> new UniformPolicy<>(run, trace);
            case Scheduler.Pct pct -> new PctPolicy<>(run, trace, pct.depth(), pct.estimatedSteps());
            case Scheduler.Bounded b -> new BoundedPolicy<>(run, trace, b.maxPreemptions());
        };
    }
}
