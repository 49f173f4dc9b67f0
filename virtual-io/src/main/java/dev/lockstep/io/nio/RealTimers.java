package dev.lockstep.io.nio;

import dev.lockstep.future.TimerRegistration;
import dev.lockstep.future.Waker;
import java.util.Arrays;

/**
 * The timers of a {@link RealRuntime}: an indexed binary heap ordered by (deadline, registration
 * order), so adding, cancelling and popping cost O(log n) and equal deadlines fire in the order
 * they were set. Owner thread only.
 */
final class RealTimers {
    private Entry[] heap = new Entry[16];
    private int size;
    private long nextSeq;

    /** One timer: a waker or an action, and its place in the heap ({@code -1}: fired or cancelled). */
    final class Entry implements TimerRegistration {
        final long deadline;
        final long seq;
        Waker waker;
        final Runnable action;
        int index = -1;

        Entry(long deadline, Waker waker, Runnable action) {
            this.deadline = deadline;
            this.seq = nextSeq++;
            this.waker = waker;
            this.action = action;
        }

        @Override
        public long deadlineNanos() {
            return deadline;
        }

        @Override
        public boolean isActive() {
            return index >= 0;
        }

        @Override
        public void updateWaker(Waker next) {
            if (action == null && index >= 0) {
                waker = next;
            }
        }

        @Override
        public void cancel() {
            remove(this);
        }

        void fire() {
            if (action != null) {
                action.run();
            } else {
                waker.wakeByRef();
            }
        }
    }

    Entry add(long deadline, Waker waker, Runnable action) {
        Entry e = new Entry(deadline, waker, action);
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = e;
        e.index = size++;
        siftUp(e.index);
        return e;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The earliest deadline; only when not empty. */
    long peekDeadline() {
        return heap[0].deadline;
    }

    /** Removes and returns the earliest timer; only when not empty. */
    Entry poll() {
        Entry top = heap[0];
        removeAt(0);
        return top;
    }

    private void remove(Entry e) {
        int i = e.index;
        if (i >= 0 && i < size && heap[i] == e) {
            removeAt(i);
        }
    }

    private void removeAt(int i) {
        Entry gone = heap[i];
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

    private static boolean less(Entry a, Entry b) {
        return a.deadline < b.deadline || (a.deadline == b.deadline && a.seq < b.seq);
    }

    private void siftUp(int i) {
        Entry e = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(e, heap[parent])) {
                break;
            }
            heap[i] = heap[parent];
            heap[i].index = i;
            i = parent;
        }
        heap[i] = e;
        e.index = i;
    }

    private void siftDown(int i) {
        Entry e = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            if (child + 1 < size && less(heap[child + 1], heap[child])) {
                child++;
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
