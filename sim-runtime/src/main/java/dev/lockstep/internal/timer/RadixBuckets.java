package dev.lockstep.internal.timer;

import java.util.Arrays;

/**
 * A radix heap of timers: the part of {@link TimerQueue} that holds every timer set at or after
 * its {@linkplain #base() base}. Adding costs O(1); taking the front costs O(1) amortized plus
 * the moves of the refills, at most 63 per timer and a few on average.
 *
 * <h2>Buckets</h2>
 * Every key is at least {@code base}. Bucket 0 holds the keys equal to {@code base}; bucket
 * {@code b >= 1} the keys whose highest bit that differs from {@code base} is bit {@code b - 1}, so
 * every key of a lower bucket is smaller than every key of a higher one. When bucket 0 runs out,
 * {@link #front()} <em>refills</em> it: the base moves to the least key of the lowest non-empty
 * bucket, and that bucket's timers move down, each to a strictly lower bucket, bucket 0 getting
 * those at the new base.
 *
 * <h2>Order of equal keys</h2>
 * Each bucket lists its timers in registration order: an add appends, and a refill moves the
 * timers of one bucket, in their order, into buckets that were empty (every bucket below the
 * lowest non-empty one is). So bucket 0, read from the front, fires equal keys in registration
 * order without comparing registration numbers.
 *
 * <h2>Layout</h2>
 * Each bucket is a pair of arrays, the keys and the entries, read and written in sequence: a
 * refill is a scan, and no entry is loaded until it reaches the front. Cancelled entries are left
 * in place; the owner skips them at the front and {@linkplain #compact() compacts}.
 *
 * <p>Single-threaded.
 */
final class RadixBuckets {
    private static final int BUCKETS = 64;
    /** A refill of at most this many timers loads them all at once (see {@link #refill()}). */
    private static final int PREFETCH = 64;
    /** The sum of those loads, kept so that the compiler cannot drop them. */
    private int prefetched;
    /** Every key here is at least this; bucket 0 holds the keys equal to it. */
    private long base;
    /** The buckets' keys, entries and sizes: null until the first {@link #rebase} (most runs never spill). */
    private long[][] keys;
    private TimerEntry[][] entries;
    private int[] sizes;
    /** Bucket 0 is read from here (the entries before it have been taken). */
    private int head;
    /** Bit b set: bucket b (b >= 1) holds at least one entry. */
    private long occupied;
    /** Entries in the buckets, cancelled ones included. */
    private int used;

    /** Entries held, cancelled ones included. */
    int used() {
        return used;
    }

    /** The least key this may hold: a timer set earlier belongs elsewhere. */
    long base() {
        return base;
    }

    /** Moves the base to {@code to}, while nothing is held. */
    void rebase(long to) {
        if (used != 0) {
            throw new IllegalStateException("rebase with " + used + " timers held");
        }
        if (sizes == null) {
            keys = new long[BUCKETS][];
            entries = new TimerEntry[BUCKETS][];
            sizes = new int[BUCKETS];
        }
        base = to;
        head = 0;
        sizes[0] = 0;
    }

    /**
     * Adds {@code e} to fire at {@code key >= base()}, after every entry already held with that
     * key; only after a {@link #rebase}.
     */
    void add(TimerEntry e, long key) {
        append(bucketOf(key), key, e);
        used++;
    }

    /** The entry at the front (the least key, live or cancelled); only when {@code used() > 0}. */
    TimerEntry front() {
        if (head == sizes[0]) {
            refill();
        }
        return entries[0][head];
    }

    /** The key of the {@link #front()} entry; only right after {@link #front()}. */
    long frontKey() {
        return base;
    }

    /** Removes the {@link #front()} entry; only right after {@link #front()}. */
    void removeFront() {
        entries[0][head++] = null;
        used--;
        if (head == sizes[0]) {
            head = 0;
            sizes[0] = 0;
        }
    }

    /** Copies every live entry into {@code out} from {@code n}; returns the new count. */
    int copyLive(TimerEntry[] out, int n) {
        if (sizes == null) {
            return n;
        }
        for (int b = 0; b < BUCKETS; b++) {
            for (int i = b == 0 ? head : 0; i < sizes[b]; i++) {
                if (entries[b][i].queued) {
                    out[n++] = entries[b][i];
                }
            }
        }
        return n;
    }

    /** Removes every entry, passing the live ones to {@code to} (in no particular order). */
    void drain(TimerHeap.Sink to) {
        if (sizes == null) {
            return;
        }
        for (int b = 0; b < BUCKETS; b++) {
            TimerEntry[] es = entries[b];
            for (int i = b == 0 ? head : 0; i < sizes[b]; i++) {
                if (es[i].queued) {
                    to.accept(es[i], b == 0 ? base : keys[b][i]);
                }
            }
            if (es != null) {
                Arrays.fill(es, 0, sizes[b], null);
            }
            sizes[b] = 0;
        }
        occupied = 0;
        head = 0;
        used = 0;
    }

    /** Drops every cancelled entry, keeping the order of the rest. */
    void compact() {
        if (sizes == null) {
            return;
        }
        int total = 0;
        for (int b = 0; b < BUCKETS; b++) {
            TimerEntry[] es = entries[b];
            long[] ks = keys[b];
            int n = 0;
            for (int i = b == 0 ? head : 0; i < sizes[b]; i++) {
                if (es[i].queued) {
                    es[n] = es[i];
                    if (b > 0) {
                        ks[n] = ks[i];
                    }
                    n++;
                }
            }
            if (es != null) {
                Arrays.fill(es, n, sizes[b], null);
            }
            sizes[b] = n;
            if (b > 0 && n == 0) {
                occupied &= ~(1L << b);
            }
            total += n;
        }
        head = 0;
        used = total;
    }

    private int bucketOf(long key) {
        long x = key ^ base;
        return x == 0 ? 0 : BUCKETS - Long.numberOfLeadingZeros(x);
    }

    private void append(int b, long key, TimerEntry e) {
        int n = sizes[b];
        TimerEntry[] es = entries[b];
        if (es == null || n == es.length) {
            int cap = es == null ? 8 : n * 2;
            es = entries[b] = es == null ? new TimerEntry[cap] : Arrays.copyOf(es, cap);
            if (b > 0) {
                keys[b] = keys[b] == null ? new long[cap] : Arrays.copyOf(keys[b], cap);
            }
        }
        es[n] = e;
        if (b > 0) {
            keys[b][n] = key; // bucket 0's keys are all the base
            occupied |= 1L << b;
        }
        sizes[b] = n + 1;
    }

    /** Bucket 0 is empty and some other bucket is not: moves the base to the least key and that bucket down. */
    private void refill() {
        int from = Long.numberOfTrailingZeros(occupied);
        long[] ks = keys[from];
        TimerEntry[] es = entries[from];
        int n = sizes[from];
        long least = ks[0];
        for (int i = 1; i < n; i++) {
            least = Math.min(least, ks[i]);
        }
        base = least;
        sizes[from] = 0;
        occupied &= ~(1L << from);
        head = 0;
        for (int i = 0; i < n; i++) {
            append(bucketOf(ks[i]), ks[i], es[i]);
        }
        if (n <= PREFETCH) {
            // These n timers are the next n to reach the front unless earlier ones are set: load
            // them now, independently of each other, so their cache misses overlap instead of
            // coming one at a time as each reaches the front. A field near each end of the entry,
            // which often spans two cache lines.
            int touched = 0;
            for (int i = 0; i < n; i++) {
                TimerEntry e = es[i];
                touched += e.owner() + (e.action() != null ? 1 : 0);
            }
            prefetched += touched;
        }
        Arrays.fill(es, 0, n, null);
    }
}
