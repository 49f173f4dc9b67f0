package dev.lockstep.internal.timer;

/**
 * Pending timers ordered by (deadline, registration order): equal deadlines fire in the order
 * they were set. Adding costs O(1) and popping O(1) amortized for a timer set at or after the
 * earliest pending one (the usual case in a simulation, whose clock only moves forward), O(log n)
 * for one set earlier; cancelling costs O(1). Single-threaded.
 *
 * <h2>Layout</h2>
 * Two parts, every key of the first smaller than every key of the second:
 * <ul>
 *   <li>{@link RadixBuckets}, a radix heap over the keys from its base up, which takes every
 *       timer set at or after the base. Its buckets are scanned in sequence and keep
 *       registration order, so no comparison of registration numbers is needed.
 *   <li>{@link TimerHeap}, a 4-ary heap ordered by (key, registration number), which takes the
 *       timers set before the base: the base is the earliest deadline the queue last looked at,
 *       so these are timers set, between two firings, earlier than every timer then pending.
 * </ul>
 * The front is the heap's top while the heap holds any timer, the radix heap's otherwise; so the
 * order is exactly (deadline, registration) whichever part a timer went to.
 *
 * <h2>Cancellation</h2>
 * A cancelled entry is marked ({@code queued = false}) and left in place; it is dropped when it
 * reaches the front, and both parts are compacted once the dead entries outnumber the live ones,
 * so a run that sets and cancels many long timeouts does not grow without bound.
 * {@link #size()} counts live entries only.
 */
public final class TimerQueue {
    /** Dead entries below this count are never worth a compaction. */
    private static final int MIN_COMPACT = 64;
    private static final java.util.Comparator<TimerEntry> BY_DEADLINE =
            java.util.Comparator.<TimerEntry>comparingLong(e -> e.deadline).thenComparingLong(e -> e.seq);
    private final RadixBuckets radix = new RadixBuckets();
    private final TimerHeap early = new TimerHeap();
    /** Cancelled entries still held by either part. */
    private int dead;
    private long nextSeq;
    /** Set by {@link #front()}: whether the front entry is the heap's top (else the radix heap's front). */
    private boolean frontInHeap;
    /** The key of the timer {@link #poll()} took last; 0 before the first. */
    private long lastTaken;

    /** Live (queued, not cancelled) timers. */
    public int size() {
        return radix.used() + early.used() - dead;
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** The earliest live deadline; only when not empty. */
    public long peekDeadline() {
        front();
        return frontInHeap ? early.topKey() : radix.frontKey();
    }

    /**
     * Queues {@code e} at its deadline, after every queued entry with that deadline.
     *
     * @throws IllegalArgumentException if its deadline is negative
     */
    public void add(TimerEntry e) {
        insert(e, e.deadline);
    }

    /** The earliest live timer, left in place; only when not empty. */
    public TimerEntry peek() {
        return front();
    }

    /**
     * Queues {@code e}, which is not queued, to fire at {@code firesAt} instead of its deadline,
     * after every queued entry due then: how a timer is made to fire late. Its
     * {@link TimerEntry#deadlineNanos()} stays what it was set to.
     */
    public void addAt(TimerEntry e, long firesAt) {
        if (e.queued) {
            throw new IllegalStateException("addAt: " + e + " is already queued");
        }
        insert(e, firesAt);
    }

    /** Removes and returns the earliest live timer; only when not empty. */
    public TimerEntry poll() {
        TimerEntry top = front();
        if (frontInHeap) {
            lastTaken = early.topKey();
            early.removeTop();
        } else {
            lastTaken = radix.frontKey();
            radix.removeFront();
        }
        top.queued = false;
        return top;
    }

    /** Cancels {@code e} if it is queued; O(1). */
    public boolean remove(TimerEntry e) {
        if (!e.queued) {
            return false;
        }
        e.queued = false;
        dead++;
        if (dead >= MIN_COMPACT && dead > size()) {
            radix.compact();
            early.compact();
            dead = 0;
        }
        return true;
    }

    /** Every live entry, by deadline and then registration (for diagnosis only: O(n log n)). */
    public TimerEntry[] snapshot() {
        TimerEntry[] out = new TimerEntry[size()];
        radix.copyLive(out, early.copyLive(out, 0));
        java.util.Arrays.sort(out, BY_DEADLINE);
        return out;
    }

    private void insert(TimerEntry e, long key) {
        if (key < 0) {
            throw new IllegalArgumentException("timer at " + key + " ns: a deadline is >= 0");
        }
        e.seq = nextSeq++;
        e.queued = true;
        if (radix.used() == 0 && early.used() == 0) {
            // Nothing is pending: every timer set from now on is due no earlier than the last one
            // taken (the clock does not go back), so that is the lowest base that keeps them all.
            radix.rebase(Math.min(key, lastTaken));
        }
        if (key >= radix.base()) {
            radix.add(e, key);
        } else {
            early.add(e, key, e.seq);
        }
    }

    /** The earliest live entry, dropping the cancelled ones before it; sets {@link #frontInHeap}. */
    private TimerEntry front() {
        while (true) {
            if (early.used() > 0) {
                TimerEntry e = early.top();
                if (e.queued) {
                    frontInHeap = true;
                    return e;
                }
                early.removeTop();
            } else {
                TimerEntry e = radix.front();
                if (e.queued) {
                    frontInHeap = false;
                    return e;
                }
                radix.removeFront();
            }
            dead--;
        }
    }
}
