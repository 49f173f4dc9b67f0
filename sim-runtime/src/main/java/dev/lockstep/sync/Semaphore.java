package dev.lockstep.sync;

import dev.lockstep.future.Future;
import dev.lockstep.internal.sync.AcquireFuture;
import dev.lockstep.internal.sync.FairPermits;
import java.util.Optional;

/**
 * A fair counting semaphore for futures, like tokio's {@code Semaphore}.
 *
 * <pre>{@code
 * Semaphore uploads = Semaphore.of(3);
 * try (Permit p = a.await(uploads.acquire())) {   // at most three uploads at once
 *     a.await(upload(chunk));
 * }
 * }</pre>
 *
 * <h2>Returns</h2>
 * {@link #acquire(long)} is a future of a {@link Permit} holding {@code n} permits; it is
 * {@code Pending} while fewer are free or older acquisitions wait. {@link #tryAcquire(long)}
 * takes them now or returns empty.
 *
 * <h2>Fairness</h2>
 * Acquisitions are served in the order they first waited (FIFO). One asking for more permits than
 * are free blocks those behind it, even smaller ones, so a large request is never starved;
 * {@code tryAcquire} fails while anybody waits.
 *
 * <h2>Waker</h2>
 * A waiting acquisition stores the waker of its latest poll in its queue slot (only that one is
 * woken); a release wakes exactly the acquisitions it granted.
 *
 * <h2>Cancellation</h2>
 * Cancelling a waiting {@code acquire} leaves the queue at once (nothing stays registered). If the
 * permits had already been granted to it but it was not polled since, they are released and go to
 * the next waiters: a cancelled waiter never swallows a grant. Nothing else is lost.
 *
 * <h2>After completion</h2>
 * An acquire future completes once; polling it again throws {@link IllegalStateException}.
 *
 * <h2>Errors</h2>
 * {@link IllegalArgumentException} for {@code n < 1}, a negative count, or more permits than
 * {@code Long.MAX_VALUE} in total.
 *
 * <h2>Determinism</h2>
 * Which waiter gets permits depends only on the order of polls and releases, which the simulation
 * decides from its choices.
 *
 * <h2>Threads</h2>
 * Thread-safe: a semaphore may be shared by tasks of several {@code RealRuntime}s on different
 * threads, and a permit closed on any thread; wakers are woken after the internal lock is released.
 * In a simulation every use must stay on the simulation's thread (a wake from another thread is
 * reported as nondeterminism).
 */
public final class Semaphore {
    private final FairPermits permits;

    private Semaphore(long permits) {
        this.permits = new FairPermits(permits);
    }

    /**
     * A semaphore with {@code permits} free permits.
     *
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    public static Semaphore of(long permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("Semaphore.of: permits must be >= 0, got " + permits);
        }
        return new Semaphore(permits);
    }

    /** A future of one permit; see the class comment. */
    public Future<Permit> acquire() {
        return acquire(1);
    }

    /**
     * A future of {@code n} permits, acquired together; see the class comment.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public Future<Permit> acquire(long n) {
        checkAtLeastOne("acquire", n);
        return new AcquireFuture<>(permits.acquisition(n), () -> new Permit(permits, n), "Semaphore.acquire(" + n + ")");
    }

    /** One permit now, or empty if none is free or somebody waits. */
    public Optional<Permit> tryAcquire() {
        return tryAcquire(1);
    }

    /**
     * {@code n} permits now, or empty if fewer are free or somebody waits.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public Optional<Permit> tryAcquire(long n) {
        checkAtLeastOne("tryAcquire", n);
        return permits.tryAcquire(n) ? Optional.of(new Permit(permits, n)) : Optional.empty();
    }

    /**
     * Adds {@code n} new permits, serving waiters in order.
     *
     * @throws IllegalArgumentException if {@code n} is negative, or the free permits would pass
     *     {@code Long.MAX_VALUE}
     */
    public void addPermits(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("Semaphore.addPermits: n must be >= 0, got " + n);
        }
        permits.release(n);
    }

    private static void checkAtLeastOne(String op, long n) {
        if (n < 1) {
            throw new IllegalArgumentException("Semaphore." + op + ": n must be >= 1, got " + n);
        }
    }

    /** Permits free now. */
    public long availablePermits() {
        return permits.available();
    }

    /** Acquisitions waiting now. */
    public int waiting() {
        return permits.waiting();
    }

    @Override
    public String toString() {
        return "Semaphore" + permits.toString().substring("FairPermits".length());
    }
}
