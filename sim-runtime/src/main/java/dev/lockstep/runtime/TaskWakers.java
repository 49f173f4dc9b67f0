package dev.lockstep.runtime;

import dev.lockstep.future.RawWaker;
import dev.lockstep.future.RawWakerVTable;

/**
 * The waker vtable of a simulation's tasks: the data is the {@link Task} (or, after the
 * {@code fresh-waker} fault, a {@link WakerToken} of it); waking schedules the task (once);
 * cloning returns the same data; dropping is remembered for lost-wakeup diagnosis.
 *
 * <p>Only the waker of a task's latest generation works: a wake through an older one is ignored
 * and recorded as a stale wake. Without the fault every waker of a task has generation 0, so
 * every wake works.
 */
final class TaskWakers {
    private TaskWakers() {}

    static RawWakerVTable vtable(Simulation sim) {
        RawWakerVTable[] self = new RawWakerVTable[1];
        self[0] = new RawWakerVTable(
                data -> new RawWaker(data, self[0]),
                data -> wake(sim, data),
                data -> wake(sim, data),
                data -> {
                    Task t = WakerToken.taskOf(data);
                    if (WakerToken.generationOf(data) == t.wakerGeneration) {
                        t.wakerDropped = true;
                    }
                });
        return self[0];
    }

    private static void wake(Simulation sim, Object data) {
        Task t = WakerToken.taskOf(data);
        int generation = WakerToken.generationOf(data);
        if (generation == t.wakerGeneration || !sim.threads().isSimulationThread()) {
            sim.tasks().wake(t, null);
        } else {
            sim.faults().staleWake(t, generation);
        }
    }
}
