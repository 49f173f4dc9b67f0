package dev.lockstep.future;

import java.util.Objects;

/**
 * A handle that tells an executor a task can make progress.
 *
 * <p>A future that returns {@code Pending} stores the waker of that poll with its event source;
 * the source calls {@link #wake()} or {@link #wakeByRef()} when the future can progress. What
 * waking does is defined by the {@link RawWakerVTable} of the waker's maker: the executor
 * schedules the task (once, however often it is woken before it runs).
 *
 * <h2>Identity</h2>
 * Two wakers {@linkplain #willWake(Waker) will wake} the same task when they share data and
 * vtable. A future that keeps a waker across polls should replace it when the new poll's waker
 * does not {@code willWake} the stored one: only the latest waker is guaranteed to work.
 *
 * <h2>Threads</h2>
 * A waker made by the simulation must be used on the simulation's thread; a wake from another
 * thread is reported as nondeterminism rather than acted upon.
 */
public final class Waker {
    private final RawWaker raw;

    /** A waker over {@code raw}. */
    public Waker(RawWaker raw) {
        this.raw = Objects.requireNonNull(raw, "raw");
    }

    /** A waker with {@code data} and {@code vtable}. */
    public static Waker of(Object data, RawWakerVTable vtable) {
        return new Waker(new RawWaker(data, vtable));
    }

    /** Wakes the task; conventionally the last use of this waker. */
    public void wake() {
        raw.vtable().wake().accept(raw.data());
    }

    /** Wakes the task and keeps the waker usable. */
    public void wakeByRef() {
        raw.vtable().wakeByRef().accept(raw.data());
    }

    /** A waker that wakes the same task, for a second holder. */
    public Waker cloneWaker() {
        return new Waker(raw.vtable().cloneFn().apply(raw.data()));
    }

    /** Tells the maker this holder will not wake the task (the executor uses it to diagnose lost wakeups). */
    public void drop() {
        raw.vtable().drop().accept(raw.data());
    }

    /** Whether {@code other} wakes the same task as this waker (same data and vtable). */
    public boolean willWake(Waker other) {
        return other != null && other.raw.data() == raw.data() && other.raw.vtable() == raw.vtable();
    }

    /** The raw parts. */
    public RawWaker raw() {
        return raw;
    }

    @Override
    public String toString() {
        return "Waker[" + raw.data() + "]";
    }
}
