package dev.lockstep.runtime;

import dev.lockstep.future.Context;
import dev.lockstep.future.Poll;

/** The {@link JoinHandle} of a simulation task. */
final class SimJoinHandle<T> implements JoinHandle<T> {
    private final Simulation sim;
    private final Task task;

    SimJoinHandle(Simulation sim, Task task) {
        this.sim = sim;
        this.task = task;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Poll<T> poll(Context cx) {
        if (cx.runtime() != sim.handle() || !sim.isSimulationThread()) {
            throw new IllegalStateException("JoinHandle of task " + task + " polled from outside its simulation"
                    + " (runtime " + cx.runtime().getClass().getSimpleName() + ", thread '"
                    + Thread.currentThread().getName() + "'): await a task's handle only from a task of the same"
                    + " Simulation, or use sim.blockOn(handle)");
        }
        if (!task.isDone()) {
            // Several tasks may await one handle: keep one waker per awaiting task, the latest.
            task.joinWakers.removeIf(w -> w.willWake(cx.waker()));
            task.joinWakers.add(cx.waker());
            return Poll.pending();
        }
        task.observed = true;
        return switch (task.outcome) {
            case OK -> Poll.ready((T) task.result);
            case FAILED -> throw sim.taskFailure(task, "task " + task + " failed: " + task.failure);
            case ABORTED -> throw new TaskAbortedException("task " + task + " was aborted before it completed",
                    task.name, task.doneStep, task.doneNanos, sim.replayString());
        };
    }

    @Override
    public void abort() {
        sim.abort(task);
    }

    @Override
    public boolean isFinished() {
        return task.isDone();
    }

    @Override
    public String name() {
        return task.name;
    }

    @Override
    public int id() {
        return task.id;
    }

    @Override
    public String toString() {
        return "JoinHandle[" + task + (task.isDone() ? " " + task.outcome : "") + "]";
    }
}
