package dev.lockstep.choice;

import java.util.Arrays;

/**
 * The record of a run's draws, kept compact and bounded: each value as an unsigned LEB128 varint
 * (one byte for the usual small choices), at most {@value #MAX_RECORDED} values. Past that the
 * log counts nothing more and says it is {@linkplain #capped() capped}, so a run of 100M steps
 * holds a few MB, not 400. Package-private; single-threaded.
 */
final class ChoiceLog {
    /** The most values recorded; later draws are not recorded. */
    static final int MAX_RECORDED = 4 << 20;
    private byte[] bytes = new byte[64];
    /** The label of each value, or null while every label is 0. */
    private byte[] tags;
    private int length;
    private int size;
    private boolean capped;

    void add(int value, byte tag) {
        if (size == MAX_RECORDED) {
            capped = true;
            return;
        }
        if (tag != 0 || tags != null) {
            if (tags == null) {
                tags = new byte[Math.max(64, size * 2)];
            } else if (size == tags.length) {
                tags = Arrays.copyOf(tags, size * 2);
            }
            tags[size] = tag;
        }
        if (length + 5 > bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        int v = value;
        while ((v & ~0x7F) != 0) {
            bytes[length++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        bytes[length++] = (byte) v;
        size++;
    }

    /** The labels, aligned with {@link #toArray()}. */
    byte[] tags() {
        return tags == null ? new byte[size] : Arrays.copyOf(tags, size);
    }

    int size() {
        return size;
    }

    boolean capped() {
        return capped;
    }

    int[] toArray() {
        int[] out = new int[size];
        int at = 0;
        for (int i = 0; i < size; i++) {
            int v = 0;
            int shift = 0;
            int b;
            do {
                b = bytes[at++];
                v |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            out[i] = v;
        }
        return out;
    }
}
