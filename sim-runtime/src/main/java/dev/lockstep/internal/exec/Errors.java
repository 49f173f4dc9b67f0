package dev.lockstep.internal.exec;

import java.util.List;

/**
 * Builds the public errors of a run. The executor's parts report a failure through this interface
 * and throw what it returns, so they name no public exception type and {@code dev.lockstep.runtime},
 * which implements it, stays the only package that does (no package cycle).
 *
 * <p>Every method returns the exception to throw, carrying the message, the step, the virtual time
 * in nanoseconds and the replay string it was given; the type is the one {@code Simulation}'s
 * javadoc documents for the case.
 */
public interface Errors {
    /** A task that is blocked at a deadlock, as the report lists it. */
    record Blocked(int id, String name, long lastPendingStep, long lastPendingNanos, boolean lostWakeup,
            String wakerHolder, boolean staleWaker) {}

    /** The step or virtual-time limit, or a poll timeout: a {@code StepLimitException}. */
    RuntimeException stepLimit(String message, long step, long nanos, String replay);

    /** Tasks that kept waking themselves with no progress: a {@code LivelockException}. */
    RuntimeException livelock(String message, List<String> tasks, long step, long nanos, String replay);

    /** Nothing runnable, no event pending, tasks left: a {@code DeadlockException}. */
    RuntimeException deadlock(String message, List<Blocked> blocked, long step, long nanos, String replay,
            Throwable cause);

    /** A task threw: a {@code TaskFailedException}. */
    RuntimeException taskFailed(String message, String task, int taskId, long step, long nanos, String replay,
            Throwable cause);

    /** A task was aborted before it completed: a {@code TaskAbortedException}. */
    RuntimeException taskAborted(String message, String task, long step, long nanos, String replay);

    /** A waker used from a thread that is not the simulation's: a {@code NondeterminismException}. */
    RuntimeException nondeterminism(String message, long step, long nanos, String replay, Throwable cause);

    /** A call that left the simulation: an {@code EscapeException}. */
    RuntimeException escape(String message, String call, String site, String task, long step, long nanos,
            String replay);

    /** A {@code FusedFuture} that was not fused: a {@code ContractViolationException} of kind {@code NOT_FUSED}. */
    RuntimeException notFused(String message, String task, int taskId, long step, long nanos, String replay,
            Throwable cause);

    /** A moved {@code Unpin} future still referenced: a {@code ContractViolationException} of kind {@code PIN_VIOLATION}. */
    RuntimeException pinViolation(String message, String task, int taskId, long step, long nanos, String replay,
            Throwable cause);

    /** Whether {@code e} is one of the contract violations this interface builds. */
    boolean isContractViolation(Throwable e);
}
