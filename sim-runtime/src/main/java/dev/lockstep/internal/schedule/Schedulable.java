package dev.lockstep.internal.schedule;

/**
 * What a schedule policy and the run queue need to know of a task: its id and name for the trace,
 * and whether it has finished (finished tasks leave the policy's bookkeeping).
 */
public interface Schedulable {
    /** The task's id, unique within its run. */
    int id();

    /** The task's name as given to {@code spawn}. */
    String name();

    /** Whether the task has completed, failed or been aborted. */
    boolean isDone();
}
