package dev.lockstep.runtime.planted;

import dev.lockstep.fault.FaultPlan;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.schedule.Scheduler;

/**
 * A small realistic future (or pair of futures) with one planted bug, and its fixed twin, for the
 * fault-injection benchmark. Each names the fault plan that targets it.
 */
public interface PlantedBug {

    /** A short name for the benchmark table. */
    String name();

    /**
     * Runs the scenario once on {@code sim}; throws when the bug shows (a harness exception or a
     * failed check of the scenario's result). The fixed twin must never throw.
     */
    void run(Simulation sim, boolean fixed);

    /** The fault plan that targets this bug. */
    FaultPlan plan();

    /** The scheduler that targets this bug. */
    default Scheduler scheduler() {
        return Scheduler.uniform();
    }

    /** Whether {@code failure} is this bug showing (rather than something else going wrong). */
    boolean shows(Throwable failure);

    /** Whether {@code failure} or one of its causes is an instance of {@code type}. */
    static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
