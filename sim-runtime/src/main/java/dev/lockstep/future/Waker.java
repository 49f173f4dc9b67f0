package dev.lockstep.future;

import java.util.Objects;
import java.util.function.Consumer;

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
 * <h2>Ownership and drop</h2>
 * {@code cx.waker()} is the task's own waker, shared by every future the task polls (Rust's
 * {@code &Waker}): storing it is how a leaf future waits, and {@link #drop()} on it only tells
 * the executor that this holder gave it up (for the lost-wakeup diagnosis); it keeps working.
 * A waker from {@link #cloneWaker()} is owned by its holder, as in Rust, and {@link #drop()} ends
 * it: any later {@code wake}, {@code wakeByRef}, {@code cloneWaker} or {@code drop} of that clone
 * throws {@link IllegalStateException}. An error rather than a silent no-op, because a holder
 * that wakes through a waker it dropped has lost track of it, and a wake it believes it sent
 * would otherwise be lost without a word.
 *
 * <h2>Threads</h2>
 * A waker made by the simulation must be used on the simulation's thread; a wake from another
 * thread is reported as nondeterminism rather than acted upon.
 */
public final class Waker {
    private final RawWaker raw;
    // The raw parts a wake needs, kept here so that a wake is one call of the vtable's function
    // rather than three loads (raw, vtable, function) before it: wakes are the executor's hot path.
    private final Object data;
    private final Consumer<Object> wakeFn;
    private final Consumer<Object> wakeByRefFn;
    /** Made by {@link #cloneWaker()}: owned by one holder, ended by {@link #drop()}. */
    private final boolean owned;
    /** An owned waker after its {@link #drop()}. */
    private boolean dropped;

    /** A waker over {@code raw}. */
    public Waker(RawWaker raw) {
        this(raw, false);
    }

    private Waker(RawWaker raw, boolean owned) {
        this.raw = Objects.requireNonNull(raw, "raw");
        this.data = raw.data();
        this.wakeFn = raw.vtable().wake();
        this.wakeByRefFn = raw.vtable().wakeByRef();
        this.owned = owned;
    }

    /** A waker with {@code data} and {@code vtable}. */
    public static Waker of(Object data, RawWakerVTable vtable) {
        return new Waker(new RawWaker(data, vtable));
    }

    /**
     * Wakes the task; conventionally the last use of this waker.
     *
     * @throws IllegalStateException if this is a clone that was dropped
     */
    public void wake() {
        if (dropped) {
            throw droppedUse("wake()");
        }
        wakeFn.accept(data);
    }

    /**
     * Wakes the task and keeps the waker usable.
     *
     * @throws IllegalStateException if this is a clone that was dropped
     */
    public void wakeByRef() {
        if (dropped) {
            throw droppedUse("wakeByRef()");
        }
        wakeByRefFn.accept(data);
    }

    /**
     * A waker that wakes the same task, owned by a second holder (see the class comment).
     *
     * @throws IllegalStateException if this is a clone that was dropped
     */
    public Waker cloneWaker() {
        checkNotDropped("cloneWaker()");
        return new Waker(raw.vtable().cloneFn().apply(raw.data()), true);
    }

    /**
     * Tells the maker this holder will not wake the task (the executor uses it to diagnose lost
     * wakeups). Ends a clone; the task's own waker stays usable (see the class comment).
     *
     * @throws IllegalStateException if this is a clone that was dropped already
     */
    public void drop() {
        checkNotDropped("drop()");
        dropped = owned;
        raw.vtable().drop().accept(raw.data());
    }

    private void checkNotDropped(String use) {
        if (dropped) {
            throw droppedUse(use);
        }
    }

    private IllegalStateException droppedUse(String use) {
        return new IllegalStateException(use + " of waker " + data + " after its drop(): a cloned waker"
                + " ends when it is dropped; clone it again (before the drop) if this holder still needs it");
    }

    /** Whether {@code other} wakes the same task as this waker (same data and vtable). */
    public boolean willWake(Waker other) {
        return other != null && other.data == data && other.raw.vtable() == raw.vtable();
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
