package dev.lockstep.runtime;

/**
 * A future broke the poll or pin contract under an injected fault: the harness caught it in the
 * act rather than through a consequence (a deadlock, a wrong result).
 *
 * <p>The message names the kind, the task, what was observed and how to fix it; like every
 * {@link SimulationException} it ends with the step, the virtual time and the replay string, and
 * with the run's fault plan. Stale wakers are reported by the {@link DeadlockException} they
 * cause (see {@link DeadlockException#hasStaleWaker()}), because a wake of an old waker is not
 * wrong by itself: only failing to wake the latest one is.
 */
public class ContractViolationException extends SimulationException {
    /** What was violated. */
    public enum Kind {
        /**
         * A {@code FusedFuture} polled again after {@code Ready} did not return {@code Pending},
         * reported {@code isTerminated() == false}, threw, woke a waker or had another effect
         * (set a timer, spawned, woke a task).
         */
        NOT_FUSED,
        /**
         * An {@code Unpin} future was moved between polls and something (its copy's fields, a
         * callback it registered, another task's future, a service) still refers to the pre-move
         * instance: it is self-referential and must not be {@code Unpin}.
         */
        PIN_VIOLATION
    }

    private final Kind kind;
    private final String taskName;
    private final int taskId;

    public ContractViolationException(Kind kind, String message, String taskName, int taskId, long step, long nanos,
            String replay, Throwable cause) {
        super(kind + " in task '" + taskName + "'#" + taskId + ": " + message, step, nanos, replay, cause);
        this.kind = kind;
        this.taskName = taskName;
        this.taskId = taskId;
    }

    /** What was violated. */
    public Kind kind() {
        return kind;
    }

    /** The name of the task whose future broke the contract. */
    public String taskName() {
        return taskName;
    }

    /** The id of that task. */
    public int taskId() {
        return taskId;
    }
}
