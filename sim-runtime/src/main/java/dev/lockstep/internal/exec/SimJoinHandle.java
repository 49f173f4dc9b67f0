package dev.lockstep.internal.exec;

import dev.lockstep.future.Context;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.internal.exec.TaskWakers.WakerToken;

/** The {@link JoinHandle} of a simulation task. */
public final class SimJoinHandle<T> implements JoinHandle<T> {
    private final Kernel sim;
    private final Task task;

    SimJoinHandle(Kernel sim, Task task) {
        this.sim = sim;
        this.task = task;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Poll<T> poll(Context cx) {
        if (cx.runtime() != sim.handle() || !sim.threads().isSimulationThread()) {
            throw new IllegalStateException("JoinHandle of task " + task + " polled from outside its simulation"
                    + " (runtime " + cx.runtime().getClass().getSimpleName() + ", thread '"
                    + Thread.currentThread().getName() + "'): await a task's handle only from a task of the same"
                    + " Simulation, or use sim.blockOn(handle)");
        }
        if (!task.isDone()) {
            // Several tasks may await one handle: keep one waker per awaiting task, the latest.
            task.removeJoinWakersIf(w -> w.willWake(cx.waker()));
            task.addJoinWaker(cx.waker());
            return Poll.pending();
        }
        task.observed = true;
        return switch (task.outcome) {
            case OK -> Poll.ready((T) task.result);
            case FAILED -> throw sim.outcomes().taskFailure(task, "task " + task + " failed: " + task.failure);
            case ABORTED -> throw sim.errors().taskAborted("task " + task + " was aborted before it completed",
                    task.name, task.doneStep, task.doneNanos, sim.replayString());
        };
    }

    /**
     * Detaches the task (it keeps running) and releases the waker the cancelling task stored here
     * when it polled the handle, so the finished task does not wake a task that stopped awaiting
     * it. Wakers a sub-executor made for its children cannot be told apart and stay until the task
     * finishes; waking them then does nothing.
     */
    @Override
    public void cancel() {
        Task canceller = sim.tasks().current();
        if (canceller != null && canceller != task) {
            task.removeJoinWakersIf(w -> WakerToken.isWakerOf(w.raw().data(), canceller));
        }
    }

    /** Aborts the task; from another thread, reports the call instead (the run then fails), as a wake is. */
    @Override
    public void abort() {
        if (!sim.threads().isSimulationThread()) {
            sim.threads().report("JoinHandle.abort() of task " + task, "");
            return;
        }
        sim.tasks().abort(task);
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

    /** The task of this handle. */
    public Task task() {
        return task;
    }

    /** Whether this is a handle of a task of {@code other}. */
    public boolean belongsTo(Kernel other) {
        return sim == other;
    }

    @Override
    public String toString() {
        return "JoinHandle[" + task + (task.isDone() ? " " + task.outcome : "") + "]";
    }
}
