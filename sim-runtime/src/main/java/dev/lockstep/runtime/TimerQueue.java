package dev.lockstep.runtime;

import java.util.Arrays;

/**
 * Pending timers ordered by (deadline, registration order): an indexed binary heap, so adding,
 * cancelling and popping cost O(log n) and equal deadlines fire in the order they were set.
 * Single-threaded.
 */
final class TimerQueue {
    private TimerEntry[] heap = new TimerEntry[32];
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
        return heap[0].deadline;
    }

    void add(TimerEntry e) {
        e.seq = nextSeq++;
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = e;
        e.index = size;
        size++;
        siftUp(e.index);
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
            heap[i] = heap[size];
            heap[i].index = i;
            heap[size] = null;
            siftDown(i);
            siftUp(i);
        } else {
            heap[size] = null;
        }
        gone.index = -1;
    }

    private static boolean less(TimerEntry a, TimerEntry b) {
        return a.deadline < b.deadline || (a.deadline == b.deadline && a.seq < b.seq);
    }

    private void siftUp(int i) {
        TimerEntry e = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            TimerEntry p = heap[parent];
            if (!less(e, p)) {
                break;
            }
            heap[i] = p;
            p.index = i;
            i = parent;
        }
        heap[i] = e;
        e.index = i;
    }

    private void siftDown(int i) {
        TimerEntry e = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && less(heap[right], heap[child])) {
                child = right;
            }
            if (!less(heap[child], e)) {
                break;
            }
            heap[i] = heap[child];
            heap[i].index = i;
            i = child;
        }
        heap[i] = e;
        e.index = i;
    }
}
