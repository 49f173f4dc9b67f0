package dev.lockstep.runtime;

/** Thrown by a {@link JoinHandle} whose task was aborted (or cancelled by a crash) before completing. */
public class TaskAbortedException extends SimulationException {
    private final String taskName;

    public TaskAbortedException(String message, String taskName, long step, long nanos, String replay) {
        super(message, step, nanos, replay, null);
        this.taskName = taskName;
    }

    /** The name the task was spawned with. */
    public String taskName() {
        return taskName;
    }
}
