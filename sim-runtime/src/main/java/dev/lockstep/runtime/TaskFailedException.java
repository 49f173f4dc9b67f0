package dev.lockstep.runtime;

/**
 * A task threw from {@code poll}. Thrown by the task's {@link JoinHandle} when awaited, and by
 * {@code blockOn} when no one awaited the handle of a task that failed. The task's exception is
 * the cause.
 */
public class TaskFailedException extends SimulationException {
    private final String taskName;
    private final int taskId;

    public TaskFailedException(String message, String taskName, int taskId, long step, long nanos, String replay,
            Throwable cause) {
        super(message, step, nanos, replay, cause);
        this.taskName = taskName;
        this.taskId = taskId;
    }

    /** The name the task was spawned with. */
    public String taskName() {
        return taskName;
    }

    /** The task's id (spawn order, from 0). */
    public int taskId() {
        return taskId;
    }
}
