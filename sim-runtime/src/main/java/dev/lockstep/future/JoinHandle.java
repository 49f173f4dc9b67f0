package dev.lockstep.future;


/**
 * The handle of a spawned task: a future of the task's value.
 *
 * <h2>Returns</h2>
 * {@code Ready(value)} once the task completed. If the task threw, polling the handle throws a
 * {@link dev.lockstep.runtime.TaskFailedException} naming the task, with the task's exception as
 * the cause; if it was aborted, a {@link dev.lockstep.runtime.TaskAbortedException}.
 *
 * <h2>After completion</h2>
 * A handle keeps its task's outcome: every later poll returns the same value, or throws again
 * for the same failure or abort, so several tasks may await one handle, and one task may await
 * it twice. Awaiting it once marks a failure as observed.
 *
 * <h2>Errors</h2>
 * Polling a handle from outside its runtime (another runtime's task, another thread) throws
 * {@link IllegalStateException}. A simulation's handle aborted from another thread does nothing
 * but report the call: the run fails with a {@code NondeterminismException} at its next step, as
 * for a wake from another thread. A failed task whose handle nobody awaits fails the enclosing
 * {@code blockOn}: errors are never dropped silently.
 *
 * <h2>Cancellation</h2>
 * {@link #abort()} cancels the task: its future's {@link Cancellable#cancel()} runs, releasing its
 * timers and other registrations, and it is not polled again. Aborting a finished task does
 * nothing. Cancelling the handle itself (as a {@code select} loser) does <em>not</em> abort the
 * task: the task is detached, as in tokio, and the cancelling task's waker is released.
 */
public interface JoinHandle<T> extends Future<T>, Cancellable {

    /** Cancels the task if it has not finished. Idempotent. */
    void abort();

    /** Whether the task finished (completed, failed or aborted). */
    boolean isFinished();

    /** The task's name. */
    String name();

    /** The task's id: its spawn order within the runtime, from 0. */
    int id();

    /**
     * Dropping a handle detaches the task; it keeps running. A simulation's handle also releases
     * the waker that the task dropping it (the one running {@code cancel()}) stored in it.
     */
    @Override
    default void cancel() {}
}
