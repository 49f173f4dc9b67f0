package dev.lockstep.internal.sync;

import dev.lockstep.future.Waker;

/**
 * One acquisition of {@code n} permits of a {@link FairPermits}, driven by the future that owns
 * it: {@link #poll} at each poll, {@link #cancel()} when the future is dropped.
 *
 * <h2>Returns</h2>
 * {@link #poll} returns {@link FairPermits#GRANTED} once the permits are held by the caller,
 * {@link FairPermits#CLOSED} if the permits were closed first, else {@link FairPermits#PENDING}
 * with {@code waker} stored (replacing the waker of an earlier poll).
 *
 * <h2>Cancellation</h2>
 * {@link #cancel()} leaves the queue; if the permits had been granted but not yet returned by a
 * poll, they are released to the next waiters, so a cancelled waiter never swallows a grant.
 */
public final class Acquisition {
    private final FairPermits permits;
    private final long n;
    /** The queue node once the acquisition had to wait; {@code null} before and once it ended. */
    private Waiter waiter;
    /** PENDING until the outcome is known. */
    private int outcome = FairPermits.PENDING;

    Acquisition(FairPermits permits, long n) {
        this.permits = permits;
        this.n = n;
    }

    /** Advances the acquisition; see the class comment. */
    public int poll(Waker waker) {
        if (outcome != FairPermits.PENDING) {
            return outcome;
        }
        synchronized (permits) {
            if (waiter == null) {
                if (permits.closedLocked()) {
                    return outcome = FairPermits.CLOSED;
                }
                if (permits.takeNowLocked(n)) {
                    return outcome = FairPermits.GRANTED;
                }
                waiter = new Waiter(n, waker);
                permits.enqueueLocked(waiter);
                return FairPermits.PENDING;
            }
            if (waiter.isServed()) {
                outcome = waiter.servedKind();
                waiter = null;
                return outcome;
            }
            waiter.setWaker(waker);
            return FairPermits.PENDING;
        }
    }

    /** Whether the acquisition waits in the queue. */
    public boolean isWaiting() {
        synchronized (permits) {
            return waiter != null && waiter.isQueued();
        }
    }

    /** Ends the acquisition; see the class comment. Idempotent; no effect once it returned an outcome. */
    public void cancel() {
        if (outcome != FairPermits.PENDING) {
            return;
        }
        WakeList wakes = new WakeList();
        synchronized (permits) {
            outcome = FairPermits.CANCELLED;
            if (waiter != null) {
                permits.withdrawLocked(waiter, wakes);
                waiter = null;
            }
        }
        wakes.wakeAll();
    }
}
