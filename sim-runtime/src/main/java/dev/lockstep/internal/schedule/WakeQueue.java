package dev.lockstep.internal.schedule;

/**
 * Items in the order they were added (wake order), read and removed at any index: index 0 is the
 * oldest. The executor's run queue and {@code TaskSet}'s ready children are both one.
 *
 * <h2>Cost</h2>
 * {@link #add}, {@link #get}{@code (0)} and {@link #removeAt}{@code (0)} take amortized O(1);
 * any other index takes O(log n). {@link #remove(Object)} scans, O(n). So making n items ready
 * and taking them all, in any order of indices, costs O(n log n).
 *
 * <h2>Layout</h2>
 * Items sit in {@code slots} in wake order, from {@code head} to {@code tail}; a removal from
 * the middle leaves a hole ({@code null}), except in a short queue, where the items after it
 * shift down (at most 32). While there is no hole the queue is <em>dense</em> and
 * index i is slot {@code head + i}. The first hole builds an order-statistic index over the slots,
 * in two levels: a bitmap of the filled slots in words of 64, and a Fenwick tree over the words'
 * item counts. Index i is then found by one descent of the tree (64 times smaller than one over
 * the slots, so it stays in cache) to the word, and a select of the bit within it; it is dropped
 * when the queue is compacted or empties. When {@code tail} reaches the end of the
 * array, the items move to its front (into an array twice as long if they fill more than half),
 * so each item is copied O(1) times on average.
 *
 * <p>Not thread-safe.
 *
 * @param <T> the items; compared by identity in {@link #remove(Object)}
 */
public class WakeQueue<T> {
    /** A dense queue up to this long closes a hole by shifting the items after it. */
    private static final int SHIFT_LIMIT = 32;
    private Object[] slots = new Object[16];
    /**
     * While not dense: one bit per slot, set when it holds an item, in words of 64 slots; and a
     * Fenwick tree (1-based) over the words' item counts. {@code null} while dense.
     */
    private long[] bits;
    private int[] tree;
    /** The slot of index 0 when not empty. */
    private int head;
    /** The slot the next {@link #add} fills. */
    private int tail;
    private int size;

    /** How many items are queued. */
    public final int size() {
        return size;
    }

    /** Whether no item is queued. */
    public final boolean isEmpty() {
        return size == 0;
    }

    /** Adds {@code item} as the newest (the last index). */
    public final void add(T item) {
        if (tail == slots.length) {
            makeRoom();
        }
        slots[tail] = item;
        if (tree != null) {
            update(tail, 1);
        }
        tail++;
        size++;
    }

    /**
     * The item at {@code index} (0 = the oldest).
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= index < size()}
     */
    @SuppressWarnings("unchecked")
    public final T get(int index) {
        checkIndex(index);
        return (T) slots[slotOf(index)];
    }

    /**
     * Removes and returns the item at {@code index}; the others keep their order.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= index < size()}
     */
    public final T removeAt(int index) {
        checkIndex(index);
        return removeSlot(slotOf(index));
    }

    /** Removes {@code item} (by identity) if queued, and says whether it was. */
    public final boolean remove(T item) {
        for (int s = head; s < tail; s++) {
            if (slots[s] == item) {
                removeSlot(s);
                return true;
            }
        }
        return false;
    }

    /** Removes every item. */
    public final void clear() {
        java.util.Arrays.fill(slots, head, tail, null);
        reset();
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index + " of " + size);
        }
    }

    private int slotOf(int index) {
        // head always holds an item (removals at head skip the holes behind it), so index 0 and a
        // dense queue need no descent.
        if (index == 0 || tree == null) {
            return head + index;
        }
        return find(index + 1);
    }

    @SuppressWarnings("unchecked")
    private T removeSlot(int s) {
        T out = (T) slots[s];
        slots[s] = null;
        size--;
        if (size == 0) {
            reset();
            return out;
        }
        if (tree != null) {
            update(s, -1);
        } else if (s != head && s != tail - 1) {
            if (tail - head <= SHIFT_LIMIT) {
                // A short dense queue stays dense: shifting a few items beats a tree.
                System.arraycopy(slots, s + 1, slots, s, tail - 1 - s);
                slots[--tail] = null;
                return out;
            }
            buildTree(); // the first hole
        }
        if (s == head) {
            do {
                head++;
            } while (slots[head] == null);
        } else if (s == tail - 1 && tree == null) {
            tail--;
        }
        return out;
    }

    private void reset() {
        head = 0;
        tail = 0;
        size = 0;
        tree = null;
        bits = null;
    }

    /** Moves the items to the front of the array (a longer one if they fill more than half). */
    private void makeRoom() {
        Object[] to = size > slots.length / 2 ? new Object[slots.length * 2] : slots;
        int n = 0;
        for (int s = head; s < tail; s++) {
            Object item = slots[s];
            if (item != null) {
                to[n++] = item;
            }
        }
        if (to == slots) {
            java.util.Arrays.fill(slots, n, tail, null);
        }
        slots = to;
        head = 0;
        tail = n;
        tree = null; // compacted: dense again
        bits = null;
    }

    // ---------------------------------------------------------------- the order-statistic index over slots

    private void buildTree() {
        int n = slots.length;
        long[] b = new long[(n + 63) >>> 6];
        for (int s = head; s < tail; s++) {
            if (slots[s] != null) {
                b[s >>> 6] |= 1L << s;
            }
        }
        int[] t = new int[b.length + 1];
        for (int w = 0; w < b.length; w++) {
            t[w + 1] = Long.bitCount(b[w]);
        }
        for (int i = 1; i < t.length; i++) {
            int j = i + (i & -i);
            if (j < t.length) {
                t[j] += t[i];
            }
        }
        bits = b;
        tree = t;
    }

    /** Marks {@code slot} filled ({@code delta} 1) or emptied (-1). */
    private void update(int slot, int delta) {
        bits[slot >>> 6] ^= 1L << slot;
        int[] t = tree;
        for (int i = (slot >>> 6) + 1; i < t.length; i += i & -i) {
            t[i] += delta;
        }
    }

    /** The slot of the k-th item (k >= 1). */
    private int find(int k) {
        // Down the Fenwick tree over words to the word that holds the k-th item, then to the bit.
        int[] t = tree;
        int pos = 0;
        for (int step = Integer.highestOneBit(t.length - 1); step > 0; step >>= 1) {
            int next = pos + step;
            if (next < t.length && t[next] < k) {
                pos = next;
                k -= t[next];
            }
        }
        // pos is the number of words before it; select the k-th set bit of that word.
        return (pos << 6) + Long.numberOfTrailingZeros(Long.expand(1L << (k - 1), bits[pos]));
    }
}
