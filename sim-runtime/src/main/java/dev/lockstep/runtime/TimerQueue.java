package dev.lockstep.runtime;

import java.util.Arrays;

/**
 * Pending timers ordered by (deadline, registration order): an indexed binary heap, so adding,
 * cancelling and popping cost O(log n) and equal deadlines fire in the order they were set.
 * Single-threaded.
 *
 * <p>Layout: {@code heap[i]} is the entry at position {@code i}, and {@code keys[2i]},
 * {@code keys[2i + 1]} are its deadline and registration number. Sifting compares the keys
 * alone, without loading the entries: with a million timers the entries are scattered over the
 * heap memory, and loading two of them per level was most of the cost of a sift.
 */
final class TimerQueue {
    // Small at first: a simulation is often a short run with a few timers, and there are many runs.
    private TimerEntry[] heap = new TimerEntry[8];
    /** Deadline and registration number of each heap position, interleaved. */
    private long[] keys = new long[16];
    private int size;
    private long nextSeq;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The earliest deadline; only when not empty. */
    long peekDeadline() {
        return keys[0];
    }

    void add(TimerEntry e) {
        e.seq = nextSeq++;
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
            keys = Arrays.copyOf(keys, size * 4);
        }
        size++;
        siftUp(size - 1, e, e.deadline, e.seq);
    }

    /** Removes and returns the earliest timer; only when not empty. */
    TimerEntry poll() {
        TimerEntry top = heap[0];
        removeAt(0);
        return top;
    }

    /** Removes {@code e} if it is queued. */
    boolean remove(TimerEntry e) {
        int i = e.index;
        if (i < 0 || i >= size || heap[i] != e) {
            return false;
        }
        removeAt(i);
        return true;
    }

    /** Every queued entry, in heap order (for diagnosis only). */
    TimerEntry[] snapshot() {
        return Arrays.copyOf(heap, size);
    }

    private void removeAt(int i) {
        TimerEntry gone = heap[i];
        size--;
        if (i != size) {
            TimerEntry last = heap[size];
            long deadline = keys[2 * size];
            long seq = keys[2 * size + 1];
            heap[size] = null;
            siftDown(i, last, deadline, seq);
            if (heap[i] == last) {
                siftUp(i, last, deadline, seq);
            }
        } else {
            heap[size] = null;
        }
        gone.index = -1;
    }

    /** Whether (deadline a, seq as) orders before (deadline b, seq bs). */
    private static boolean less(long a, long as, long b, long bs) {
        return a < b || (a == b && as < bs);
    }

    /** Places {@code e} at position {@code i}. */
    private void set(int i, TimerEntry e, long deadline, long seq) {
        heap[i] = e;
        keys[2 * i] = deadline;
        keys[2 * i + 1] = seq;
        e.index = i;
    }

    /** Moves {@code e}, to be placed at the free position {@code i}, up to where it belongs. */
    private void siftUp(int i, TimerEntry e, long deadline, long seq) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long pd = keys[2 * parent];
            long ps = keys[2 * parent + 1];
            if (!less(deadline, seq, pd, ps)) {
                break;
            }
            set(i, heap[parent], pd, ps);
            i = parent;
        }
        set(i, e, deadline, seq);
    }

    /** Moves {@code e}, to be placed at the free position {@code i}, down to where it belongs. */
    private void siftDown(int i, TimerEntry e, long deadline, long seq) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            long cd = keys[2 * child];
            long cs = keys[2 * child + 1];
            int right = child + 1;
            if (right < size) {
                long rd = keys[2 * right];
                long rs = keys[2 * right + 1];
                if (less(rd, rs, cd, cs)) {
                    child = right;
                    cd = rd;
                    cs = rs;
                }
            }
            if (!less(cd, cs, deadline, seq)) {
                break;
            }
            set(i, heap[child], cd, cs);
            i = child;
        }
        set(i, e, deadline, seq);
    }
}
