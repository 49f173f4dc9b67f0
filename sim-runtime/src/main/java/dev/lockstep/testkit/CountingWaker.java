package dev.lockstep.testkit;

import dev.lockstep.future.RawWaker;
import dev.lockstep.future.RawWakerVTable;
import dev.lockstep.future.Waker;

/**
 * A waker for tests that counts what is done to it: {@link Wakers#counting()}.
 *
 * <p>Clones made with {@link Waker#cloneWaker()} share the counts, so a wake through any clone is
 * counted. {@code wake} and {@code wakeByRef} both count as a wake.
 */
public final class CountingWaker {
    private static final RawWakerVTable VTABLE = new RawWakerVTable(
            data -> ((CountingWaker) data).onClone(),
            data -> ((CountingWaker) data).wakes++,
            data -> ((CountingWaker) data).wakes++,
            data -> ((CountingWaker) data).drops++);

    private final Waker waker = Waker.of(this, VTABLE);
    private int wakes;
    private int clones;
    private int drops;

    CountingWaker() {
    }

    private RawWaker onClone() {
        clones++;
        return new RawWaker(this, VTABLE);
    }

    /** The waker to put in a {@link Context}; the same instance every time. */
    public Waker waker() {
        return waker;
    }

    /** How many times this waker or a clone of it was woken ({@code wake} or {@code wakeByRef}). */
    public int wakeCount() {
        return wakes;
    }

    /** How many times this waker or a clone of it was cloned. */
    public int cloneCount() {
        return clones;
    }

    /** How many times this waker or a clone of it was dropped. */
    public int dropCount() {
        return drops;
    }

    @Override
    public String toString() {
        return "CountingWaker[wakes=" + wakes + ", clones=" + clones + ", drops=" + drops + "]";
    }
}
