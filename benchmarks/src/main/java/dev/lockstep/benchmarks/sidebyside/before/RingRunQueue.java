package dev.lockstep.benchmarks.sidebyside.before;

/**
 * Main's run queue before the Fenwick tree (unchanged but for its name and bound). The runnable tasks in wake order: a circular buffer that also removes from the middle, since
 * the scheduler may pick any of them. Index 0 is the oldest (FIFO). Removal shifts the shorter
 * side, so picking near either end is cheap.
 */
public final class RingRunQueue<T> {
    private Object[] items = new Object[16];
    private int head;
    private int size;

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public void add(T t) {
        if (size == items.length) {
            grow();
        }
        items[(head + size) & (items.length - 1)] = t;
        size++;
    }

    @SuppressWarnings("unchecked")
    public T get(int index) {
        return (T) items[(head + index) & (items.length - 1)];
    }

    @SuppressWarnings("unchecked")
    public T removeAt(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index + " of " + size);
        }
        int mask = items.length - 1;
        int pos = (head + index) & mask;
        T out = (T) items[pos];
        // Where the shifted run does not wrap around the buffer's end, one arraycopy moves it.
        if (index < size / 2) {
            if (pos >= head) {
                System.arraycopy(items, head, items, head + 1, index);
            } else {
                for (int i = index; i > 0; i--) {
                    items[(head + i) & mask] = items[(head + i - 1) & mask];
                }
            }
            items[head] = null;
            head = (head + 1) & mask;
        } else {
            int last = (head + size - 1) & mask;
            if (last >= pos) {
                System.arraycopy(items, pos + 1, items, pos, last - pos);
            } else {
                for (int i = index; i < size - 1; i++) {
                    items[(head + i) & mask] = items[(head + i + 1) & mask];
                }
            }
            items[last] = null;
        }
        size--;
        return out;
    }

    public boolean remove(T t) {
        for (int i = 0; i < size; i++) {
            if (get(i) == t) {
                removeAt(i);
                return true;
            }
        }
        return false;
    }

    private void grow() {
        Object[] next = new Object[items.length * 2];
        for (int i = 0; i < size; i++) {
            next[i] = get(i);
        }
        items = next;
        head = 0;
    }
}
