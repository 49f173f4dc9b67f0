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

    /** The first ring's length: a short run's events without growing (a run of 50 polls traces about 120). */
    private static final int FIRST_LENGTH = 128;

    private final int capacity;
    /** The retained events: {@code ring[0, size)} until the ring is full, then a ring from {@link #head}. */
    private TraceEvent[] ring;
    private int size;
    private int head; // index of the oldest retained event once the ring is full
    private long hash = EMPTY_HASH;
    private long count;

    /** A trace retaining up to {@code capacity} events. */
    public Trace(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("trace capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
        this.ring = new TraceEvent[Math.min(capacity, FIRST_LENGTH)];
    }

    /** Appends {@code event} and folds it into the hash. */
    public void add(TraceEvent event) {
        hash = event.mix(hash);
        count++;
        if (size < capacity) {
            if (size == ring.length) {
                ring = java.util.Arrays.copyOf(ring, (int) Math.min(capacity, 2L * ring.length));
            }
            ring[size++] = event;
        } else {
            ring[head] = event;
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
        return count > size;
    }

    /** The retained events, oldest first (a copy). */
    public List<TraceEvent> events() {
        return new ArrayList<>(java.util.Arrays.asList(last(size)));
    }

    /**
     * The last {@code n} retained events, oldest first (an unmodifiable copy of only those: a
     * property run takes its tail after every run).
     */
    public List<TraceEvent> tail(int n) {
        return java.util.Collections.unmodifiableList(java.util.Arrays.asList(last(Math.max(0, Math.min(n, size)))));
    }

    /** The last {@code n <= size} retained events, oldest first, in a new array (two copies at most, no division). */
    private TraceEvent[] last(int n) {
        TraceEvent[] out = new TraceEvent[n];
        // The retained events in order are ring[head, size) then ring[0, head); the last n end at head - 1.
        int end = head == 0 ? size : head;
        int fromEnd = Math.min(n, end);
        System.arraycopy(ring, end - fromEnd, out, n - fromEnd, fromEnd);
        if (fromEnd < n) {
            int rest = n - fromEnd;
            System.arraycopy(ring, size - rest, out, 0, rest);
        }
        return out;
    }

    /**
     * {@code events} with every wake as an event of its own: each wake that a {@link TraceEvent.Polled}
     * event carries becomes a {@link TraceEvent.Woken} event ({@code scheduled}) placed where it
     * happened ({@code wakeLag} events before the poll, stamped with the step and time of the
     * event that follows it there), and the poll carries none. The form to walk for the wakes
     * themselves (the timeline draws them, the contract checker reads them); not the trace as
     * recorded, so its events do not fold into the trace hash.
     *
     * <p>A wake that happened before the first event of {@code events} (a truncated trace, a
     * window) is left out, as the events before it are. Wakes placed at the same position come in
     * the order of the polls that carried them.
     */
    public static List<TraceEvent> unfoldWakes(List<TraceEvent> events) {
        int n = events.size();
        // before[k]: the wakes to place just before events[k].
        List<List<TraceEvent.Woken>> before = null;
        for (int i = 0; i < n; i++) {
            if (events.get(i) instanceof TraceEvent.Polled p && p.woken() && p.wakeLag() <= i) {
                int at = i - (int) p.wakeLag();
                TraceEvent next = events.get(at);
                if (before == null) {
                    before = new ArrayList<>(java.util.Collections.nCopies(n, null));
                }
                if (before.get(at) == null) {
                    before.set(at, new ArrayList<>(1));
                }
                before.get(at).add(new TraceEvent.Woken(next.step(), next.nanos(), p.task(), p.name(), p.wokenBy(),
                        p.wokenSource(), true));
            }
        }
        List<TraceEvent> out = new ArrayList<>(n + 16);
        for (int i = 0; i < n; i++) {
            if (before != null && before.get(i) != null) {
                out.addAll(before.get(i));
            }
            TraceEvent e = events.get(i);
            out.add(e instanceof TraceEvent.Polled p && p.woken()
                    ? new TraceEvent.Polled(p.step(), p.nanos(), p.task(), p.name(), p.ready()) : e);
        }
        return out;
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
