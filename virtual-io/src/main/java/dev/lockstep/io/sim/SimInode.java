package dev.lockstep.io.sim;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The contents of one simulated file: what is durable, and the writes and truncates since the last
 * sync, applied in order on top of it to give what a read sees.
 *
 * <p>Invariant: {@code current} equals {@code durable} with every op of {@code pending} applied.
 */
final class SimInode {
    /** One change not yet synced. */
    sealed interface DataOp permits Write, Truncate {}

    /** Bytes written at a position. */
    record Write(long position, byte[] bytes) implements DataOp {}

    /** The file cut to a size. */
    record Truncate(long size) implements DataOp {}

    /** The most bytes a simulated file holds: its contents are one array. */
    static final long MAX_SIZE = Integer.MAX_VALUE - 8;

    private byte[] durable = new byte[0];
    private byte[] current = new byte[0];
    private int currentSize;
    private final List<DataOp> pending = new ArrayList<>();

    long size() {
        return currentSize;
    }

    long durableSize() {
        return durable.length;
    }

    boolean hasUnsynced() {
        return !pending.isEmpty();
    }

    List<DataOp> pending() {
        return pending;
    }

    /** Copies bytes from {@code position} into {@code dst}: how many, or -1 at or past the end. */
    int read(long position, ByteBuffer dst) {
        if (position >= currentSize) {
            return -1;
        }
        int n = (int) Math.min(dst.remaining(), currentSize - position);
        dst.put(current, (int) position, n);
        return n;
    }

    void write(long position, byte[] bytes) {
        applyWrite(position, bytes);
        pending.add(new Write(position, bytes));
    }

    void truncate(long size) {
        if (size < currentSize) {
            applyTruncate(size);
        }
        pending.add(new Truncate(size));
    }

    /** Makes everything durable. */
    void sync() {
        durable = Arrays.copyOf(current, currentSize);
        pending.clear();
    }

    /**
     * After a crash: the contents become the durable bytes with each pending op kept, dropped or cut
     * short as {@code decide} says, and those are durable.
     */
    void resolve(Decision decide) {
        byte[] keptPrefix = durable;
        current = Arrays.copyOf(keptPrefix, Math.max(16, keptPrefix.length));
        currentSize = keptPrefix.length;
        for (DataOp op : pending) {
            switch (op) {
                case Write w -> {
                    int keep = decide.keptBytes(w);
                    if (keep > 0) {
                        applyWrite(w.position(), Arrays.copyOf(w.bytes(), keep));
                    }
                }
                case Truncate t -> {
                    if (decide.keptTruncate(t) && t.size() < currentSize) {
                        applyTruncate(t.size());
                    }
                }
            }
        }
        pending.clear();
        durable = Arrays.copyOf(current, currentSize);
    }

    /** What a crash keeps of each pending op. */
    interface Decision {
        /** How many leading bytes of {@code w} survive: its length, 0, or a sector-aligned prefix. */
        int keptBytes(Write w);

        /** Whether {@code t} survives. */
        boolean keptTruncate(Truncate t);
    }

    private void applyWrite(long position, byte[] bytes) {
        long end = position + bytes.length;
        if (end > MAX_SIZE) {
            throw new IllegalArgumentException("a simulated file is at most 2 GiB; write ends at " + end);
        }
        ensure((int) end);
        System.arraycopy(bytes, 0, current, (int) position, bytes.length);
        if (end > currentSize) {
            currentSize = (int) end;
        }
    }

    private void applyTruncate(long size) {
        Arrays.fill(current, (int) size, currentSize, (byte) 0);
        currentSize = (int) size;
    }

    private void ensure(int size) {
        if (size > current.length) {
            current = Arrays.copyOf(current, Math.max(size, current.length * 2));
        }
    }
}
