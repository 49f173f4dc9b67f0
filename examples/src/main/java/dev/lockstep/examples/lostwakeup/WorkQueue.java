package dev.lockstep.examples.lostwakeup;

import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * A hand-written async work queue: producers {@link #send} jobs, any number of workers
 * {@link #recv} them, and {@link #close} tells idle workers to stop.
 *
 * <h2>The planted bug</h2>
 * The buggy variant remembers a single waiting worker: when two workers wait at once, the second
 * one's waker overwrites the first one's, and the first worker is never woken again: a lost
 * wakeup, visible only when both workers go idle before the producer is done. The fixed variant
 * keeps every waiting worker's waker.
 */
public final class WorkQueue<T> {
    private final ArrayDeque<T> jobs = new ArrayDeque<>();
    private final boolean buggy;
    /** Buggy variant: the one remembered waiter, or null. */
    private Waker waiter;
    /** Fixed variant: every waiting worker, in arrival order. */
    private final ArrayDeque<Waker> waiters = new ArrayDeque<>();
    private boolean closed;

    /** A queue; {@code buggy} plants the single-waiter bug. */
    public WorkQueue(boolean buggy) {
        this.buggy = buggy;
    }

    /** Adds a job and wakes one waiting worker. */
    public void send(T job) {
        if (closed) {
            throw new IllegalStateException("send on a closed WorkQueue");
        }
        jobs.add(job);
        wakeOne();
    }

    /** No more jobs: waiting workers wake up and see the end. */
    public void close() {
        closed = true;
        if (buggy) {
            wakeOne();
        } else {
            while (!waiters.isEmpty()) {
                waiters.poll().wake();
            }
        }
    }

    /** The next job, or empty once the queue is closed and drained. */
    public Future<Optional<T>> recv() {
        return cx -> {
            T job = jobs.poll();
            if (job != null) {
                return Poll.ready(Optional.of(job));
            }
            if (closed) {
                return Poll.ready(Optional.empty());
            }
            if (buggy) {
                waiter = cx.waker();
            } else {
                waiters.removeIf(w -> w.willWake(cx.waker()));
                waiters.add(cx.waker());
            }
            return Poll.pending();
        };
    }

    private void wakeOne() {
        if (buggy) {
            Waker w = waiter;
            waiter = null;
            if (w != null) {
                w.wake();
            }
        } else if (!waiters.isEmpty()) {
            waiters.poll().wake();
        }
    }
}
