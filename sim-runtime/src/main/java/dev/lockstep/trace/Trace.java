package dev.lockstep.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * The events of a run, with its 64-bit hash.
 *
 * <p>The hash covers every event ever appended; the trace <em>retains</em> only the last
 * {@code capacity} events (a ring), enough for failure reports. A simulation built with an
 * unbounded capacity keeps everything, as the HTML timeline and the determinism check need.
 *
 * <h2>Threads</h2>
 * Single-threaded: the simulation thread appends; read it after the run or from that thread.
 */
public final class Trace {
    /** The initial hash, before any event. */
    public static final long EMPTY_HASH = 0xCBF29CE484222325L;

    private final int capacity;
    private final ArrayList<TraceEvent> ring = new ArrayList<>();
    private int head; // index of the oldest retained event once the ring is full
    private long hash = EMPTY_HASH;
    private long count;

    /** A trace retaining up to {@code capacity} events. */
    public Trace(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("trace capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Appends {@code event} and folds it into the hash. */
    public void add(TraceEvent event) {
        hash = event.mix(hash);
        count++;
        if (ring.size() < capacity) {
            ring.add(event);
        } else {
            ring.set(head, event);
            // Not (head + 1) % capacity: a division on every event once the ring is full.
            if (++head == capacity) {
                head = 0;
            }
        }
    }

    /** The 64-bit hash of every event appended so far. */
    public long hash() {
        return hash;
    }

    /** The hash as 16 hex digits. */
    public String hashHex() {
        return String.format("%016x", hash);
    }

    /** How many events were appended in all (retained or not). */
    public long count() {
        return count;
    }

    /** Whether events were discarded because the trace is full. */
    public boolean truncated() {
        return count > ring.size();
    }

    /** The retained events, oldest first (a copy). */
    public List<TraceEvent> events() {
        List<TraceEvent> out = new ArrayList<>(ring.size());
        for (int i = 0; i < ring.size(); i++) {
            out.add(ring.get((head + i) % ring.size()));
        }
        return out;
    }

    /** The last {@code n} retained events, oldest first. */
    public List<TraceEvent> tail(int n) {
        List<TraceEvent> all = events();
        return all.subList(Math.max(0, all.size() - n), all.size());
    }

    /** One line per event: {@code [step] t=…s description}. */
    public static String format(List<TraceEvent> events) {
        StringBuilder sb = new StringBuilder();
        for (TraceEvent e : events) {
            sb.append(line(e)).append('\n');
        }
        return sb.toString();
    }

    /** One event as a line. */
    public static String line(TraceEvent e) {
        return String.format(java.util.Locale.ROOT, "  [%6d] t=%-14s %s", e.step(), TraceHash.time(e.nanos()), e.describe());
    }

    @Override
    public String toString() {
        return "Trace[" + count + " events, hash " + hashHex() + "]";
    }
}
