package dev.lockstep.examples.stalewaker;

import dev.lockstep.future.Future;
import java.util.ArrayDeque;

/**
 * An async semaphore that caps how many uploads run at once: {@link #acquire()} waits for a
 * {@link Permit}, {@link Permit#release()} hands it to the longest-waiting acquisition.
 *
 * <h2>Fairness</h2>
 * Permits go to waiting acquisitions in arrival order; a new acquisition does not overtake one
 * that is already waiting.
 *
 * <h2>The planted bug</h2>
 * The buggy variant's {@link Acquire} future stores the waker of its first {@code Pending} poll
 * and never replaces it. On an executor whose tasks keep one waker for life that goes unnoticed;
 * under the {@code fresh-waker} fault only the latest poll's waker works, so a permit handed over
 * through the first one wakes nobody and the uploader waits forever. The fixed variant replaces
 * the stored waker whenever {@code !stored.willWake(cx.waker())}.
 *
 * <h2>Threads</h2>
 * Not thread-safe: it belongs to the tasks of one executor.
 */
public final class UploadLimiter {
    private final boolean buggy;
    /** Permits not held by anyone and not promised to a waiting acquisition; never negative. */
    private int available;
    /** Acquisitions waiting for a permit, in arrival order; none of them is granted yet. */
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();

    /**
     * A limiter with {@code permits} permits.
     *
     * @param buggy plants the keep-the-first-waker bug in {@link #acquire()}
     * @throws IllegalArgumentException if {@code permits < 1}
     */
    public UploadLimiter(int permits, boolean buggy) {
        if (permits < 1) {
            throw new IllegalArgumentException("an UploadLimiter needs at least 1 permit, got " + permits);
        }
        this.available = permits;
        this.buggy = buggy;
    }

    /**
     * Waits for a permit.
     *
     * <h2>Returns</h2>
     * A future that completes with a {@link Permit} the caller must release. Cancelling it gives
     * back a permit it was granted but did not yet return, and otherwise leaves the queue.
     *
     * <h2>Waker</h2>
     * While it waits it is woken through the waker of its latest poll (buggy variant: its first).
     */
    public Future<Permit> acquire() {
        return new Acquire(this, buggy);
    }

    /** Permits free right now. */
    public int available() {
        return available;
    }

    /** Takes a free permit if nobody is waiting for one; otherwise queues {@code w}. */
    boolean tryTakeOrEnqueue(Waiter w) {
        if (available > 0 && waiting.isEmpty()) {
            available--;
            return true;
        }
        waiting.add(w);
        return false;
    }

    /** {@code w} gave up waiting. */
    void leave(Waiter w) {
        waiting.remove(w);
    }

    /** A permit comes back: the longest waiter gets it and is woken, or it becomes free. */
    void release() {
        Waiter next = waiting.poll();
        if (next == null) {
            available++;
            return;
        }
        next.granted = true;
        next.waker.wake();
    }
}
