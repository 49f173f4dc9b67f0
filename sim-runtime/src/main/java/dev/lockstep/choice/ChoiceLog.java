package dev.lockstep.choice;

import java.util.Arrays;

/** A growable int array: the record of a run's draws. Package-private; single-threaded. */
final class ChoiceLog {
    private int[] values = new int[64];
    private int size;

    void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
