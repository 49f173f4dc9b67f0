package dev.lockstep.future;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a {@link Waker} does, decided by whoever made it (usually the executor).
 *
 * <p>Each function receives the {@link RawWaker#data()} it was built with. They may be called from
 * any code that holds the waker; an executor that is confined to one thread reports calls from
 * other threads rather than acting on them.
 *
 * @param cloneFn   returns a new raw waker that wakes the same task
 * @param wake      wakes the task; the waker is consumed
 * @param wakeByRef wakes the task; the waker stays usable
 * @param drop      the holder will not use the waker again (used to diagnose lost wakeups)
 */
public record RawWakerVTable(
        Function<Object, RawWaker> cloneFn,
        Consumer<Object> wake,
        Consumer<Object> wakeByRef,
        Consumer<Object> drop) {

    public RawWakerVTable {
        Objects.requireNonNull(cloneFn, "cloneFn");
        Objects.requireNonNull(wake, "wake");
        Objects.requireNonNull(wakeByRef, "wakeByRef");
        Objects.requireNonNull(drop, "drop");
    }
}
