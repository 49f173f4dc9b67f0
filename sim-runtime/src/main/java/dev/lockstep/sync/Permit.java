package dev.lockstep.sync;

import dev.lockstep.internal.sync.FairPermits;

/**
 * Permits held from a {@link Semaphore}: released by {@link #close()}, so a try-with-resources
 * block scopes them.
 *
 * <h2>After close</h2>
 * {@code close()} is idempotent: the permits go back once. A permit is not released when it is
 * garbage collected (Java has no drop): a permit that is never closed is lost to the semaphore.
 *
 * <h2>Threads</h2>
 * Thread-safe; it may be closed on another thread than the one that acquired it.
 */
public final class Permit implements AutoCloseable {
    private final FairPermits permits;
    private final long count;
    private volatile boolean released;

    Permit(FairPermits permits, long count) {
        this.permits = permits;
        this.count = count;
    }

    /** How many permits this holds. */
    public long count() {
        return count;
    }

    /** Whether {@link #close()} was called. */
    public boolean isReleased() {
        return released;
    }

    /** Gives the permits back, serving the oldest waiters first. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
        }
        permits.release(count);
    }

    @Override
    public String toString() {
        return "Permit[" + count + (released ? ", released" : "") + "]";
    }
}
