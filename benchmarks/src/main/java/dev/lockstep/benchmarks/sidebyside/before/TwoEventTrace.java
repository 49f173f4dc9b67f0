package dev.lockstep.benchmarks.sidebyside.before;

import java.util.ArrayList;

/**
 * Main's trace of a hand-off before a poll carried its wake: two events, {@code Woken} then
 * {@code Polled}, each allocated and folded into the hash as {@code TraceEvent} did then (the
 * wake's source character by character, about ten dependent multiplications in all), kept in the
 * same {@code ArrayList} ring. The records are copies: {@code TraceEvent} is sealed.
 */
public final class TwoEventTrace {
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;
    private final int capacity;
    private final ArrayList<Object> ring = new ArrayList<>();
    private int head;
    private long hash = 0xCBF29CE484222325L;
    private long count;

    public TwoEventTrace(int capacity) {
        this.capacity = capacity;
    }

    /** The old {@code Woken} event. */
    public record Woken(long step, long nanos, int task, String name, int byTask, String source, boolean scheduled) {
        long mix(long h) {
            return TwoEventTrace.mix(TwoEventTrace.mix(TwoEventTrace.mix(TwoEventTrace.mix(h, 3, step, nanos), task),
                    byTask), source) * (scheduled ? 3 : 5);
        }
    }

    /** The old {@code Polled} event. */
    public record Polled(long step, long nanos, int task, String name, boolean ready) {
        long mix(long h) {
            return TwoEventTrace.mix(TwoEventTrace.mix(h, 2, step, nanos), ready ? task : ~task);
        }
    }

    /** Appends a hand-off's two events, as the executor did. */
    public void handOff(long step, int task, String name, int byTask) {
        add(new Woken(step, 0, task, name, byTask, "task", true), true);
        add(new Polled(step + 1, 0, task, name, false), false);
    }

    public long hash() {
        return hash;
    }

    private void add(Object event, boolean wake) {
        hash = wake ? ((Woken) event).mix(hash) : ((Polled) event).mix(hash);
        count++;
        if (ring.size() < capacity) {
            ring.add(event);
        } else {
            ring.set(head, event);
            if (++head == capacity) {
                head = 0;
            }
        }
    }

    static long mix(long h, long v) {
        long x = (h ^ v) * MULTIPLIER;
        return x ^ (x >>> 29);
    }

    static long mix(long h, int tag, long step, long nanos) {
        return mix(mix(mix(h, tag), step), nanos);
    }

    static long mix(long h, String s) {
        long x = h;
        for (int i = 0; i < s.length(); i++) {
            x = (x ^ s.charAt(i)) * 0x100000001B3L;
        }
        return mix(x, s.length());
    }
}
