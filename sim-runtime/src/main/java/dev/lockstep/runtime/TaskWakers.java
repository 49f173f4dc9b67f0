package dev.lockstep.runtime;

import dev.lockstep.future.RawWaker;
import dev.lockstep.future.RawWakerVTable;

/**
 * The waker vtable of a simulation's tasks: the data is the {@link Task}; waking schedules it
 * (once); cloning returns the same task; dropping is remembered for lost-wakeup diagnosis.
 */
final class TaskWakers {
    private TaskWakers() {}

    static RawWakerVTable vtable(Simulation sim) {
        RawWakerVTable[] self = new RawWakerVTable[1];
        self[0] = new RawWakerVTable(
                data -> new RawWaker(data, self[0]),
                data -> sim.wake((Task) data, null),
                data -> sim.wake((Task) data, null),
                data -> ((Task) data).wakerDropped = true);
        return self[0];
    }
}
