package dev.lockstep.internal.timer;

import java.util.Arrays;

/**
 * A 4-ary min-heap of timers ordered by (key, registration number), the part of
 * {@link TimerQueue} that holds the timers set earlier than its radix buckets' base. Adding and
 * popping cost O(log n). Cancelled entries stay in place until they reach the top or the owner
 * {@linkplain #compact() compacts}; the heap does not count them.
 *
 * <h2>Layout</h2>
 * {@code heap[i]} is the entry at position {@code i}; {@code keys[2i]} and {@code keys[2i + 1]}
 * are its key (the instant it fires) and registration number. Sifting compares and moves keys and
 * entry references only, never loading an entry: with many timers the entries are scattered over
 * memory, and touching them on every level was most of the cost. Four children per node halve
 * the levels of a binary heap.
 *
 * <p>Single-threaded.
 */
final class TimerHeap {
    private static final int ARITY = 4;
    private TimerEntry[] heap = new TimerEntry[0];
    /** Key and registration number of each heap position, interleaved. */
    private long[] keys = new long[0];
    /** Positions in use, live and cancelled. */
    private int used;

    /** Positions in use, cancelled entries included. */
    int used() {
        return used;
    }

    /** Adds {@code e} to fire at {@code key}, after every entry of a lower registration number at that key. */
    void add(TimerEntry e, long key, long seq) {
        if (used == heap.length) {
            int cap = Math.max(8, used * 2);
            heap = Arrays.copyOf(heap, cap);
            keys = Arrays.copyOf(keys, cap * 2);
        }
        siftUp(used++, e, key, seq);
    }

    /** The entry at the top (live or cancelled); only when {@code used() > 0}. */
    TimerEntry top() {
        return heap[0];
    }

    /** The key of the top entry; only when {@code used() > 0}. */
    long topKey() {
        return keys[0];
    }

    /** Removes the top entry; only when {@code used() > 0}. */
    void removeTop() {
        used--;
        TimerEntry last = heap[used];
        long key = keys[2 * used];
        long seq = keys[2 * used + 1];
        heap[used] = null;
        if (used > 0) {
            siftDown(0, last, key, seq);
        }
    }

    /** Copies every live entry, in heap order, into {@code out} from {@code n}; returns the new count. */
    int copyLive(TimerEntry[] out, int n) {
        for (int i = 0; i < used; i++) {
            if (heap[i].queued) {
                out[n++] = heap[i];
            }
        }
        return n;
    }

    /**
     * Removes every entry, passing the live ones to {@code to} in registration order (the heap is
     * small when this is called: an insertion sort).
     */
    void drainInRegistrationOrder(Sink to) {
        int n = 0;
        for (int i = 0; i < used; i++) {
            if (!heap[i].queued) {
                continue;
            }
            TimerEntry e = heap[i];
            long key = keys[2 * i];
            long seq = keys[2 * i + 1];
            int j = n++;
            for (; j > 0 && keys[2 * (j - 1) + 1] > seq; j--) {
                heap[j] = heap[j - 1];
                keys[2 * j] = keys[2 * (j - 1)];
                keys[2 * j + 1] = keys[2 * (j - 1) + 1];
            }
            heap[j] = e;
            keys[2 * j] = key;
            keys[2 * j + 1] = seq;
        }
        for (int i = 0; i < n; i++) {
            to.accept(heap[i], keys[2 * i]);
        }
        Arrays.fill(heap, 0, used, null);
        used = 0;
    }

    /** Where {@link #drainInRegistrationOrder} and {@link RadixBuckets#drain} put entries. */
    interface Sink {
        void accept(TimerEntry e, long key);
    }

    /** Drops every cancelled entry and rebuilds the heap (Floyd's bottom-up construction). */
    void compact() {
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
        for (int i = (used - 2) / ARITY; i >= 0; i--) {
            siftDown(i, heap[i], keys[2 * i], keys[2 * i + 1]);
        }
    }

    /** Whether (key a, seq as) orders before (key b, seq bs). */
    private static boolean less(long a, long as, long b, long bs) {
        return a < b || (a == b && as < bs);
    }

    /** Moves {@code e}, to be placed at the free position {@code i}, up to where it belongs. */
    private void siftUp(int i, TimerEntry e, long key, long seq) {
        while (i > 0) {
            int parent = (i - 1) / ARITY;
            long pk = keys[2 * parent];
            long ps = keys[2 * parent + 1];
            if (!less(key, seq, pk, ps)) {
                break;
            }
            heap[i] = heap[parent];
            keys[2 * i] = pk;
            keys[2 * i + 1] = ps;
            i = parent;
        }
        heap[i] = e;
        keys[2 * i] = key;
        keys[2 * i + 1] = seq;
    }

    /** Moves {@code e}, to be placed at the free position {@code i}, down to where it belongs. */
    private void siftDown(int i, TimerEntry e, long key, long seq) {
        while (true) {
            int first = ARITY * i + 1;
            if (first >= used) {
                break;
            }
            int best = first;
            long bk = keys[2 * first];
            long bs = keys[2 * first + 1];
            int end = Math.min(first + ARITY, used);
            for (int c = first + 1; c < end; c++) {
                long ck = keys[2 * c];
                long cs = keys[2 * c + 1];
                if (less(ck, cs, bk, bs)) {
                    best = c;
                    bk = ck;
                    bs = cs;
                }
            }
            if (!less(bk, bs, key, seq)) {
                break;
            }
            heap[i] = heap[best];
            keys[2 * i] = bk;
            keys[2 * i + 1] = bs;
            i = best;
        }
        heap[i] = e;
        keys[2 * i] = key;
        keys[2 * i + 1] = seq;
    }
}
