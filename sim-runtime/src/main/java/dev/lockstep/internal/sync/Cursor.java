package dev.lockstep.internal.sync;

/**
 * A receiver's position in a channel's sequence: the number of the next message a broadcast
 * receiver reads, or the version a watch receiver saw last.
 *
 * <h2>Thread safety</h2>
 * Guarded by the monitor of the channel state it belongs to: read and written only while that
 * monitor is held.
 */
public final class Cursor {
    private long position;

    public Cursor(long position) {
        this.position = position;
    }

    public long get() {
        return position;
    }

    public void set(long position) {
        this.position = position;
    }

    @Override
    public String toString() {
        return Long.toString(position);
    }
}
