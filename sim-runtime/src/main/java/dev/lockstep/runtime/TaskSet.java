package dev.lockstep.runtime;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.RawWaker;
import dev.lockstep.future.RawWakerVTable;
import dev.lockstep.future.Waker;
import dev.lockstep.internal.schedule.WakeQueue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A sub-executor: many child futures polled inside one task, yielding their values as they
 * complete (futures-rs {@code FuturesUnordered}).
 *
 * <h2>Returns</h2>
 * {@link #pollNext(Context)} returns {@code Ready(Optional.of(value))} for the next child to
 * complete, {@code Ready(Optional.empty())} when the set is empty, and otherwise {@code Pending}.
 *
 * <h2>Waker</h2>
 * Each child gets a waker of its own; only children whose wakers fired (and new children) are
 * polled, so a set of 10,000 idle children costs nothing per poll. A child's wake wakes the
 * waker of the set's latest poll. Among ready children, which is polled first is a choice of the
 * runtime's {@link ChoiceSource} (0 = wake order).
 *
 * <h2>Fairness</h2>
 * One {@code pollNext} polls at most as many children as were ready when it started; if more are
 * ready after that, it wakes its own task and returns {@code Pending}, so a busy set cannot starve
 * other tasks.
 *
 * <h2>Errors</h2>
 * A child that throws is removed and its exception is thrown from {@code pollNext}; the other
 * children stay.
 *
 * <h2>Cancellation</h2>
 * {@link #cancel()} cancels every remaining child.
 */
public final class TaskSet<T> implements Cancellable {
    /** Children whose wakers fired (and new ones), in wake order; picked from by index. */
    private final WakeQueue<Child<T>> ready = new WakeQueue<>();
    /** Children not yet completed, in insertion order (linked: iteration order is deterministic). */
    private final LinkedHashSet<Child<T>> live = new LinkedHashSet<>();
    private final RawWakerVTable vtable;
    private int size;
    private long nextId;
    private Waker parent;

    private TaskSet() {
        RawWakerVTable[] self = new RawWakerVTable[1];
        self[0] = new RawWakerVTable(data -> new RawWaker(data, self[0]), this::wakeChild, this::wakeChild,
                data -> {});
        this.vtable = self[0];
    }

    /** An empty set. */
    public static <T> TaskSet<T> create() {
        return new TaskSet<>();
    }

    /** Adds {@code future}; it is polled at the next {@code pollNext}. */
    public void add(Future<T> future) {
        Objects.requireNonNull(future, "TaskSet.add: future is null");
        Child<T> c = new Child<>(nextId++, future);
        c.waker = Waker.of(c, vtable);
        size++;
        c.queued = true;
        ready.add(c);
        live.add(c);
        if (parent != null) {
            parent.wakeByRef();
        }
    }

    /** Children not yet completed. */
    public int size() {
        return size;
    }

    /** Whether no child remains. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Polls the children whose wakers fired; see the class documentation. */
    public Poll<Optional<T>> pollNext(Context cx) {
        if (parent == null || !parent.willWake(cx.waker())) {
            parent = cx.waker();
        }
        if (size == 0) {
            return Poll.ready(Optional.empty());
        }
        int budget = ready.size();
        while (budget-- > 0 && !ready.isEmpty()) {
            int n = ready.size();
            int index = n > 1 ? cx.runtime().choices().choose(n) : 0;
            Child<T> c = ready.removeAt(index);
            c.queued = false;
            Poll<T> p;
            try {
                c.future = cx.runtime().beforeInnerPoll(c.future);
                p = c.future.poll(cx.withWaker(c.waker));
            } catch (RuntimeException | Error e) {
                remove(c);
                throw e;
            }
            if (p.isReady()) {
                cx.runtime().afterInnerReady(c.future);
                remove(c);
                return Poll.ready(Optional.of(p.value()));
            }
        }
        if (!ready.isEmpty()) {
            cx.waker().wakeByRef();
        }
        return Poll.pending();
    }

    /** A future of the next child's value ({@code Optional.empty()} when the set is empty). */
    public Future<Optional<T>> next() {
        return this::pollNext;
    }

    /** A future of every child's value, in completion order. */
    public Future<List<T>> collectAll() {
        List<T> out = new ArrayList<>();
        return cx -> {
            while (true) {
                Poll<Optional<T>> p = pollNext(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                Optional<T> v = p.value();
                if (v.isEmpty()) {
                    return Poll.ready(out);
                }
                out.add(v.get());
            }
        };
    }

    @Override
    public void cancel() {
        ready.clear();
        List<Child<T>> all = new ArrayList<>(live);
        live.clear();
        size = 0;
        for (Child<T> c : all) {
            c.done = true;
            if (c.future instanceof Cancellable cancellable) {
                cancellable.cancel();
            }
            c.future = null;
        }
    }

    private void remove(Child<T> c) {
        c.done = true;
        c.future = null;
        size--;
        live.remove(c);
    }

    @SuppressWarnings("unchecked")
    private void wakeChild(Object data) {
        Child<T> c = (Child<T>) data;
        if (c.done || c.queued) {
            return;
        }
        c.queued = true;
        ready.add(c);
        if (parent != null) {
            parent.wakeByRef();
        }
    }

    private static final class Child<T> {
        final long id;
        Future<T> future;
        Waker waker;
        boolean queued;
        boolean done;

        Child(long id, Future<T> future) {
            this.id = id;
            this.future = future;
        }

        @Override
        public String toString() {
            return "child#" + id;
        }
    }
}
