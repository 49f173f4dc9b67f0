package dev.lockstep.testkit;

import dev.lockstep.future.RawWakerVTable;
import dev.lockstep.future.Waker;

/**
 * Wakers for polling futures by hand in tests (like {@code futures-test}'s {@code task} module).
 *
 * <p>{@link #noop()} for a poll whose wakes do not matter, {@link #panicking()} to assert that a
 * future does not wake, {@link #counting()} to assert how often it does. For a whole task polled by
 * hand, with a runtime, see {@link MockTask}.
 */
public final class Wakers {
    /** Does nothing; immutable, so it can be shared. */
    private static final Waker NOOP = Waker.of("noop", new RawWakerVTable(
            data -> Wakers.NOOP.raw(), data -> { }, data -> { }, data -> { }));

    /** Throws on every wake and clone; immutable, so it can be shared. */
    private static final Waker PANICKING = Waker.of("panicking", new RawWakerVTable(
            data -> {
                throw new AssertionError("this future should not wake");
            },
            data -> {
                throw new AssertionError("this future should not wake");
            },
            data -> {
                throw new AssertionError("this future should not wake");
            },
            data -> { }));

    private Wakers() {
    }

    /** A waker whose wake, clone and drop do nothing. */
    public static Waker noop() {
        return NOOP;
    }

    /**
     * A waker that fails the test if used: {@code wake}, {@code wakeByRef} and {@code cloneWaker}
     * throw {@link AssertionError} "this future should not wake"; {@code drop} is allowed.
     */
    public static Waker panicking() {
        return PANICKING;
    }

    /** A new waker that counts its wakes, clones and drops (clones count into the same counts). */
    public static CountingWaker counting() {
        return new CountingWaker();
    }
}
