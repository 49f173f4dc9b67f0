package dev.lockstep.internal.sync;

import dev.lockstep.future.Waker;

/**
 * One waiting future of a sync primitive: its latest waker, what it asks for, and whether it was
 * served. The primitive reads and writes every field under its own lock.
 *
 * <h2>States</h2>
 * A waiter is <em>queued</em> (in a {@link WaiterQueue}, not yet served), <em>served</em> (the
 * primitive granted it or notified it and took it off the queue; the future completes at its next
 * poll) or neither (created, or removed on cancel). {@link #waker} is {@code null} once served or
 * cancelled, so no registration outlives either.
 */
public final class Waiter {
    /** The waker of the future's latest {@code Pending} poll; {@code null} when none is stored. */
    private Waker waker;
    /** What the waiter asks for: permits of a semaphore; unused by other primitives. */
    private final long amount;
    /** Whether the primitive served it (granted the permits, delivered the notification). */
    private boolean served;
    /** What the primitive served it with, when a kind matters (for example "notified by notifyOne"). */
    private int servedKind;
    Waiter prev;
    Waiter next;
    WaiterQueue owner;

    /** A waiter asking for {@code amount} (use 1 where nothing is counted) with {@code waker}. */
    public Waiter(long amount, Waker waker) {
        this.amount = amount;
        this.waker = waker;
    }

    /** What it asks for. */
    public long amount() {
        return amount;
    }

    /** Stores the waker of the latest poll, replacing the one before (only the latest is woken). */
    public void setWaker(Waker w) {
        this.waker = w;
    }

    /** Whether it is in a queue. */
    public boolean isQueued() {
        return owner != null;
    }

    /** Whether it was served. */
    public boolean isServed() {
        return served;
    }

    /** How it was served; 0 unless {@link #serve(int)} said otherwise. */
    public int servedKind() {
        return servedKind;
    }

    /**
     * Marks it served with {@code kind} and returns its waker (to wake after the lock is released),
     * forgetting it; the caller has taken it off its queue.
     */
    public Waker serve(int kind) {
        served = true;
        servedKind = kind;
        return takeWaker();
    }

    /** Forgets the stored waker and returns it ({@code null} if none). */
    public Waker takeWaker() {
        Waker w = waker;
        waker = null;
        return w;
    }

    @Override
    public String toString() {
        return "Waiter[" + amount + (served ? ", served" : owner != null ? ", queued" : "") + "]";
    }
}
