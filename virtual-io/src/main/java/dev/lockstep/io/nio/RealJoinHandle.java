package dev.lockstep.io.nio;

import dev.lockstep.future.Context;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.runtime.TaskAbortedException;

/** The {@link JoinHandle} of a {@link RealRuntime} task; same contract as a simulation's. */
final class RealJoinHandle<T> implements JoinHandle<T> {
    private final RealRuntime rt;
    private final RealTask task;

    RealJoinHandle(RealRuntime rt, RealTask task) {
        this.rt = rt;
        this.task = task;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Poll<T> poll(Context cx) {
        if (cx.runtime() != rt || !rt.isOwnerThread()) {
            throw new IllegalStateException("JoinHandle of task " + task + " polled from outside its RealRuntime"
                    + " (runtime " + cx.runtime().getClass().getSimpleName() + ", thread '"
                    + Thread.currentThread().getName() + "'): await a task's handle only from a task of the same"
                    + " runtime, or use rt.blockOn(handle)");
        }
        if (!task.isDone()) {
            task.joinWaker = cx.waker();
            return Poll.pending();
        }
        task.observed = true;
        return switch (task.outcome) {
            case OK -> Poll.ready((T) task.result);
            case FAILED -> throw rt.taskFailure(task, "task " + task + " failed: " + task.failure);
            case ABORTED -> throw new TaskAbortedException("task " + task + " was aborted before it completed",
                    task.name, task.doneStep, task.doneNanos, RealRuntime.NO_REPLAY);
        };
    }

    @Override
    public void abort() {
        rt.abort(task);
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
