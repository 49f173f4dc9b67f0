package dev.lockstep.runtime;

import java.util.List;

/**
 * Tasks remain, none is runnable, and no timer or I/O event is pending: nothing can ever wake them.
 *
 * <p>The message lists every blocked task with the step and virtual time of its last
 * {@code Pending}, and whether the waker of that poll is still held anywhere. A waker held by
 * nothing (or explicitly dropped) is named a <em>lost wakeup</em>: the future returned
 * {@code Pending} without storing {@code cx.waker()} where an event source would wake it. Under
 * the {@code fresh-waker} fault, a task whose latest waker is held by nothing while a waker of an
 * older poll is held, or was woken and ignored, is named a <em>stale waker</em>: the future kept
 * the first waker instead of the latest.
 */
public class DeadlockException extends SimulationException {
    private final List<BlockedTask> blocked;

    public DeadlockException(String message, List<BlockedTask> blocked, long step, long nanos, String replay,
            Throwable cause) {
        super(message, step, nanos, replay, cause);
        this.blocked = List.copyOf(blocked);
    }

    /** The blocked tasks, in spawn order. */
    public List<BlockedTask> blocked() {
        return blocked;
    }

    /** Whether any blocked task lost its wakeup. */
    public boolean hasLostWakeup() {
        return blocked.stream().anyMatch(BlockedTask::lostWakeup);
    }

    /** Whether any blocked task kept a waker of an older poll instead of the latest one. */
    public boolean hasStaleWaker() {
        return blocked.stream().anyMatch(BlockedTask::staleWaker);
    }

    /**
     * One blocked task.
     *
     * @param id               task id
     * @param name             task name
     * @param lastPendingStep  step of its last {@code Pending} ({@code -1}: never polled)
     * @param lastPendingNanos virtual time of its last {@code Pending}
     * @param lostWakeup       whether its waker is held by nothing, or was dropped
     * @param wakerHolder      where its waker is held (a field path), or a reason it is lost
     * @param staleWaker       whether only a waker of an older poll is held or was woken (the
     *                         {@code fresh-waker} fault); then {@code lostWakeup} is true too
     */
    public record BlockedTask(int id, String name, long lastPendingStep, long lastPendingNanos, boolean lostWakeup,
            String wakerHolder, boolean staleWaker) {

        /** A blocked task without a stale waker. */
        public BlockedTask(int id, String name, long lastPendingStep, long lastPendingNanos, boolean lostWakeup,
                String wakerHolder) {
            this(id, name, lastPendingStep, lastPendingNanos, lostWakeup, wakerHolder, false);
        }
    }
}
