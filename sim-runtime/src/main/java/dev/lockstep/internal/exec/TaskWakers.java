package dev.lockstep.internal.exec;

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
public final class TaskWakers {
    private TaskWakers() {}

    static RawWakerVTable vtable(Kernel sim) {
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

    private static void wake(Kernel sim, Object data) {
        Task t = WakerToken.taskOf(data);
        int generation = WakerToken.generationOf(data);
        if (generation == t.wakerGeneration || !sim.threads().isSimulationThread()) {
            sim.tasks().wake(t, null);
        } else {
            sim.faults().staleWake(t, generation);
        }
    }

    /**
     * The {@code RawWaker} data of a task's waker after the {@code fresh-waker} fault gave it a new
     * one: the task and the generation of the poll it was made for. Generation 0 is the task's
     * original waker, whose data is the {@link Task} itself.
     *
     * <p>Not a value: wakers compare their data by identity, so each token is a distinct waker.
     */
    public static final class WakerToken {
        final Task task;
        /** At least 1. */
        final int generation;

        public WakerToken(Task task, int generation) {
            if (generation < 1) {
                throw new IllegalArgumentException("a fresh waker has generation >= 1, got " + generation);
            }
            this.task = task;
            this.generation = generation;
        }

        /** The task woken by a waker with {@code data}: a {@link Task} or a token of one. */
        static Task taskOf(Object data) {
            return data instanceof WakerToken token ? token.task : (Task) data;
        }

        /** The generation of a waker with {@code data}: 0 for the task's original waker. */
        static int generationOf(Object data) {
            return data instanceof WakerToken token ? token.generation : 0;
        }

        /** Whether {@code data} is a waker of {@code t}, of any generation. */
        public static boolean isWakerOf(Object data, Task t) {
            return data == t || (data instanceof WakerToken token && token.task == t);
        }

        @Override
        public String toString() {
            return task + "/waker#" + generation;
        }
    }
}
