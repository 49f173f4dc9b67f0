package dev.lockstep.internal.timer;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Pending timers ordered by (deadline, registration order): equal deadlines fire in the order
 * they were set. Single-threaded.
 *
 * <h2>Cost</h2>
 * Cancelling costs O(1). With up to {@value #SMALL} timers pending, adding and popping cost
 * O(log n) on a small heap. Beyond that, adding a timer set at or after the earliest deadline the
 * queue last looked at costs O(1), and popping O(1) amortized (the usual case in a simulation,
 * whose clock only moves forward); a timer set earlier than that costs O(log n).
 *
 * <h2>Layout</h2>
 * Two parts, every key of the first smaller than every key of the second:
 * <ul>
 *   <li>{@link TimerHeap}, a 4-ary heap ordered by (key, registration number): every timer while
 *       few are pending, and otherwise the timers set before the radix heap's base;
 *   <li>{@link RadixBuckets}, a radix heap over the keys from its base up, which takes the
 *       timers set at or after its base once more than {@value #SMALL} are pending, until no
 *       more than {@value #SHRINK} are. Its buckets are scanned in sequence and keep registration
 *       order, so no comparison of registration numbers is needed.
 * </ul>
 * The front is the heap's top while the heap holds any timer, the radix heap's otherwise; so the
 * order is exactly (deadline, registration) whichever part a timer went to. Moving the timers
 * from one part to the other keeps their registration numbers and keys.
 *
 * <h2>Cancellation</h2>
 * A cancelled entry is marked ({@code queued = false}) and left in place; it is dropped when it
 * reaches the front, and both parts are compacted once the dead entries outnumber the live ones,
 * so a run that sets and cancels many long timeouts does not grow without bound.
 * {@link #size()} counts live entries only.
 */
public final class TimerQueue {
    /** The most timers the heap holds alone; one more, and the radix heap takes them. */
    static final int SMALL = 64;
    /** When the radix heap is in use and no more than this many timers are left, the heap takes them back. */
    static final int SHRINK = 16;
    /** Dead entries below this count are never worth a compaction. */
    private static final int MIN_COMPACT = 64;
    private static final Comparator<TimerEntry> BY_DEADLINE =
            Comparator.<TimerEntry>comparingLong(e -> e.deadline).thenComparingLong(e -> e.seq);
    private final TimerHeap heap = new TimerHeap();
    private final RadixBuckets radix = new RadixBuckets();
    /** Cancelled entries still held by either part. */
    private int dead;
    private long nextSeq;
    /** Set by {@link #front()}: whether the front entry is the heap's top (else the radix heap's front). */
    private boolean frontInHeap;
    /** The key of the timer {@link #poll()} took last; 0 before the first. */
    private long lastTaken;

    /** Live (queued, not cancelled) timers. */
    public int size() {
        return heap.used() + radix.used() - dead;
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** The earliest live deadline; only when not empty. */
    public long peekDeadline() {
        front();
        return frontInHeap ? heap.topKey() : radix.frontKey();
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
            lastTaken = heap.topKey();
            heap.removeTop();
        } else {
            lastTaken = radix.frontKey();
            radix.removeFront();
            if (radix.used() + heap.used() <= SHRINK) {
                shrink();
            }
        }
        top.queued = false;
        return top;
    }

    /** Moves every timer from the radix heap back into the heap (few are left). */
    private void shrink() {
        int held = radix.used();
        int[] live = {0};
        radix.drain((e, key) -> {
            heap.add(e, key, e.seq);
            live[0]++;
        });
        dead -= held - live[0];
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
            heap.compact();
            dead = 0;
        }
        return true;
    }

    /** Every live entry, by deadline and then registration (for diagnosis only: O(n log n)). */
    public TimerEntry[] snapshot() {
        TimerEntry[] out = new TimerEntry[size()];
        radix.copyLive(out, heap.copyLive(out, 0));
        Arrays.sort(out, BY_DEADLINE);
        return out;
    }

    private void insert(TimerEntry e, long key) {
        if (key < 0) {
            throw new IllegalArgumentException("timer at " + key + " ns: a deadline is >= 0");
        }
        e.seq = nextSeq++;
        e.queued = true;
        if (radix.used() > 0 && key >= radix.base()) {
            radix.add(e, key);
            return;
        }
        heap.add(e, key, e.seq);
        if (radix.used() == 0 && heap.used() > SMALL) {
            spill();
        }
    }

    /** Moves every timer from the heap into the radix heap, which is empty. */
    private void spill() {
        int held = heap.used();
        TimerEntry[] es = new TimerEntry[held];
        long[] keys = new long[held];
        int[] n = {0};
        heap.drainInRegistrationOrder((e, key) -> {
            es[n[0]] = e;
            keys[n[0]++] = key;
        });
        dead -= held - n[0];
        long least = lastTaken;
        for (int i = 0; i < n[0]; i++) {
            least = Math.min(least, keys[i]);
        }
        // Timers set from now on are due no earlier than the last one taken (the clock does not go
        // back), so a base at or below that keeps them all in the radix heap.
        radix.rebase(least);
        for (int i = 0; i < n[0]; i++) {
            radix.add(es[i], keys[i]);
        }
    }

    /** The earliest live entry, dropping the cancelled ones before it; sets {@link #frontInHeap}. */
    private TimerEntry front() {
        while (true) {
            if (heap.used() > 0) {
                TimerEntry e = heap.top();
                if (e.queued) {
                    frontInHeap = true;
                    return e;
                }
                heap.removeTop();
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
