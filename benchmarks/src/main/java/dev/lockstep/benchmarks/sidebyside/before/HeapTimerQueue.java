package dev.lockstep.benchmarks.sidebyside.before;

import java.util.Arrays;

/**
 * Main's timer queue before the radix heap (unchanged but for its name and its entry type, a
 * {@link HeapTimerQueue.Entry} in place of the runtime's package-private fields of
 * {@code Entry}).
 *
 * <p>Pending timers ordered by (deadline, registration order): a 4-ary min-heap with lazy
 * cancellation, so adding and popping cost O(log n), cancelling O(1), and equal deadlines fire in
 * the order they were set. Single-threaded.
 *
 * <h2>Layout</h2>
 * {@code heap[i]} is the entry at position {@code i}; {@code keys[2i]} and {@code keys[2i + 1]}
 * are its deadline and registration number. Sifting compares and moves keys and entry references
 * only, never loading an entry: with a million timers the entries are scattered over the heap
 * memory, and touching them on every level was most of the cost. Four children per node halve the
 * levels of a binary heap and keep a node's children on one or two cache lines.
 *
 * <h2>Cancellation</h2>
 * A cancelled entry is marked ({@code queued = false}) and left in place; it is dropped when it
 * reaches the top, and the heap is rebuilt without the dead entries once they outnumber the live
 * ones, so a run that sets and cancels many long timeouts does not grow without bound.
 * {@link #size()} counts live entries only.
 */
public final class HeapTimerQueue {
    /**
     * A timer: its deadline and the fields the queue keeps on it, and as many other fields as the
     * runtime's {@code TimerEntry} has, so that entries take the same memory.
     */
    public static final class Entry {
        final long deadline;
        long seq;
        boolean queued;
        final int owner;
        final Object canceller;
        final String ownerName;
        final Object waker;
        final Runnable action;
        boolean fired;
        boolean disturbed;

        public Entry(long deadline, Runnable action) {
            this.deadline = deadline;
            this.owner = -1;
            this.canceller = null;
            this.ownerName = "-";
            this.waker = null;
            this.action = action;
        }

        public long deadline() {
            return deadline;
        }
    }

    private static final int ARITY = 4;
    /** Dead entries below this count are never worth a rebuild. */
    private static final int MIN_COMPACT = 64;

    // Small at first: a simulation is often a short run with a few timers, and there are many runs.
    private Entry[] heap = new Entry[8];
    /** Deadline and registration number of each heap position, interleaved. */
    private long[] keys = new long[16];
    /** Positions in use, live and cancelled. */
    private int used;
    /** Cancelled entries still in the heap. */
    private int dead;
    private long nextSeq;

    /** Live (queued, not cancelled) timers. */
    public int size() {
        return used - dead;
    }

    public boolean isEmpty() {
        return used == dead;
    }

    /** The earliest live deadline; only when not empty. */
    public long peekDeadline() {
        dropDeadTop();
        return keys[0];
    }

    public void add(Entry e) {
        e.seq = nextSeq++;
        e.queued = true;
        if (used == heap.length) {
            heap = Arrays.copyOf(heap, used * 2);
            keys = Arrays.copyOf(keys, used * 4);
        }
        siftUp(used++, e, e.deadline, e.seq);
    }

    /** The earliest live timer, left in place; only when not empty. */
    public Entry peek() {
        dropDeadTop();
        return heap[0];
    }

    /**
     * Queues {@code e}, which is not queued, to fire at {@code firesAt} instead of its deadline,
     * after every queued entry due then: how a timer is made to fire late. Its
     * {@link Entry#deadlineNanos()} stays what it was set to.
     */
    public void addAt(Entry e, long firesAt) {
        if (e.queued) {
            throw new IllegalStateException("addAt: " + e + " is already queued");
        }
        e.seq = nextSeq++;
        e.queued = true;
        if (used == heap.length) {
            heap = Arrays.copyOf(heap, used * 2);
            keys = Arrays.copyOf(keys, used * 4);
        }
        siftUp(used++, e, firesAt, e.seq);
    }

    /** Removes and returns the earliest live timer; only when not empty. */
    public Entry poll() {
        dropDeadTop();
        Entry top = heap[0];
        removeTop();
        top.queued = false;
        return top;
    }

    /** Cancels {@code e} if it is queued; O(1). */
    public boolean remove(Entry e) {
        if (!e.queued) {
            return false;
        }
        e.queued = false;
        dead++;
        if (dead >= MIN_COMPACT && dead > used - dead) {
            compact();
        }
        return true;
    }

    /** Every live entry, in heap order (for diagnosis only). */
    public Entry[] snapshot() {
        Entry[] out = new Entry[size()];
        int n = 0;
        for (int i = 0; i < used; i++) {
            if (heap[i].queued) {
                out[n++] = heap[i];
            }
        }
        return out;
    }

    private void dropDeadTop() {
        while (used > 0 && !heap[0].queued) {
            removeTop();
            dead--;
        }
    }

    private void removeTop() {
        used--;
        Entry last = heap[used];
        long deadline = keys[2 * used];
        long seq = keys[2 * used + 1];
        heap[used] = null;
        if (used > 0) {
            siftDown(0, last, deadline, seq);
        }
    }

    /** Rebuilds the heap from its live entries (Floyd's bottom-up construction). */
    private void compact() {
        int n = 0;
        for (int i = 0; i < used; i++) {
            if (heap[i].queued) {
                heap[n] = heap[i];
                keys[2 * n] = keys[2 * i];
                keys[2 * n + 1] = keys[2 * i + 1];
                n++;
            }
        }
        Arrays.fill(heap, n, used, null);
        used = n;
        dead = 0;
        for (int i = (used - 2) / ARITY; i >= 0; i--) {
            siftDown(i, heap[i], keys[2 * i], keys[2 * i + 1]);
        }
    }

    /** Whether (deadline a, seq as) orders before (deadline b, seq bs). */
    private static boolean less(long a, long as, long b, long bs) {
        return a < b || (a == b && as < bs);
    }

    /** Moves {@code e}, to be placed at the free position {@code i}, up to where it belongs. */
    private void siftUp(int i, Entry e, long deadline, long seq) {
        while (i > 0) {
            int parent = (i - 1) / ARITY;
            long pd = keys[2 * parent];
            long ps = keys[2 * parent + 1];
            if (!less(deadline, seq, pd, ps)) {
                break;
            }
            heap[i] = heap[parent];
            keys[2 * i] = pd;
            keys[2 * i + 1] = ps;
            i = parent;
        }
        heap[i] = e;
        keys[2 * i] = deadline;
        keys[2 * i + 1] = seq;
    }

    /** Moves {@code e}, to be placed at the free position {@code i}, down to where it belongs. */
    private void siftDown(int i, Entry e, long deadline, long seq) {
        while (true) {
            int first = ARITY * i + 1;
            if (first >= used) {
                break;
            }
            int best = first;
            long bd = keys[2 * first];
            long bs = keys[2 * first + 1];
            int end = Math.min(first + ARITY, used);
            for (int c = first + 1; c < end; c++) {
                long cd = keys[2 * c];
                long cs = keys[2 * c + 1];
                if (less(cd, cs, bd, bs)) {
                    best = c;
                    bd = cd;
                    bs = cs;
                }
            }
            if (!less(bd, bs, deadline, seq)) {
                break;
            }
            heap[i] = heap[best];
            keys[2 * i] = bd;
            keys[2 * i + 1] = bs;
            i = best;
        }
        heap[i] = e;
        keys[2 * i] = deadline;
        keys[2 * i + 1] = seq;
    }
}
