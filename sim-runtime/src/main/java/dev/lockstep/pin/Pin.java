package dev.lockstep.pin;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Unpin;
import java.util.Objects;
import java.util.function.Function;

/**
 * The place a future is polled from (see DESIGN 2.2).
 *
 * <p>Java never moves objects, so a <em>move</em> is explicit: continuing a future from another
 * place than the one it was first polled from. A future may be self-referential (something it
 * registered, or something reachable from its fields, refers back to it), and then a move leaves
 * those references pointing at the old place. A {@code Pin} records the first poll and forbids
 * taking the future out ({@link #unpin()}) once it was polled, unless it is {@link Unpin}.
 *
 * <p>{@link #of} pins on the heap, like Rust's {@code Box::pin}; {@link #scoped} pins for the
 * extent of a body, like {@code pin!}. The executor polls every task through its {@code Pin}.
 * A {@code Pin} is itself a {@link Future} (polling it polls the pinned future) and is
 * {@link Cancellable} (cancelling it cancels the pinned future).
 *
 * <h2>Returns</h2>
 * {@link #poll} returns what the pinned future returns.
 *
 * <h2>After completion</h2>
 * A pin that was {@linkplain #unpin() unpinned} is empty, and a scoped pin is closed when its body
 * returns: {@link #poll}, {@link #get} and {@link #unpin} then throw
 * {@link IllegalStateException}. {@link #cancel()} on an empty or closed pin does nothing.
 *
 * <h2>Errors</h2>
 * {@link #unpin()} of a polled future that is not {@code Unpin} throws
 * {@link PinViolationException} with the stacks of the first poll and of the move.
 *
 * <h2>Threads</h2>
 * Not thread-safe: a pin belongs to the thread of the executor that polls it.
 *
 * @param <T> the pinned future's value type
 */
public final class Pin<T> implements Future<T>, Cancellable {
    /** The pinned future; {@code null} once unpinned or closed. */
    private Future<T> future;
    /** {@code null} while usable; otherwise why the pin is empty ("pin was unpinned" ...). */
    private String emptied;
    /** How many times the future was polled through this pin. */
    private long polls;
    /** Whether the first poll also records its stack (see {@link #of(Future, boolean)}). */
    private final boolean recordStack;
    // Where the first poll happened, as plain fields: a stack walk per polled task would dominate
    // small runs, so the stack itself is built only when recordStack is set.
    /** The task of the first poll ({@code "-"} outside a task); {@code null} before the first poll. */
    private String firstTask;
    private int firstTaskId;
    private long firstStep;
    private long firstNanos;
    /** The stack of the first poll when {@link #recordStack} is set; otherwise {@code null}. */
    private Throwable firstStack;

    private Pin(Future<T> future, boolean recordStack) {
        this.future = future;
        this.recordStack = recordStack;
    }

    /**
     * Pins {@code future} on the heap (like {@code Box::pin}); its first poll records its stack, for
     * the {@link PinViolationException} of a later {@link #unpin()}.
     */
    public static <T> Pin<T> of(Future<T> future) {
        return of(future, true);
    }

    /**
     * Pins {@code future} on the heap. The first poll always records its task, step and virtual
     * time; with {@code recordStack} it also records its stack, which costs a stack walk. The
     * executor records stacks only when a run checks moves (the {@code relocate} fault or
     * {@code checkMoves}), the only time its pins are unpinned after a poll.
     */
    public static <T> Pin<T> of(Future<T> future, boolean recordStack) {
        return new Pin<>(Objects.requireNonNull(future, "future"), recordStack);
    }

    /**
     * Pins {@code future} for the extent of {@code body} (like {@code pin!}) and returns what the
     * body returns. When the body returns or throws, the pin is closed.
     */
    public static <T, R> R scoped(Future<T> future, Function<? super Pin<T>, ? extends R> body) {
        Objects.requireNonNull(body, "body");
        Pin<T> pin = of(future);
        try {
            return body.apply(pin);
        } finally {
            pin.close();
        }
    }

    /**
     * Polls the pinned future. The first poll records where the run was (and its stack, if this
     * pin records stacks).
     *
     * @throws IllegalStateException if the pin was unpinned or closed
     */
    @Override
    public Poll<T> poll(Context cx) {
        checkUsable();
        if (polls == 0) {
            recordFirstPoll(cx);
        }
        polls++;
        return future.poll(cx);
    }

    // Apart from poll, which runs on every hand-off, to keep that method small.
    private void recordFirstPoll(Context cx) {
        var rt = cx.runtime();
        firstTask = rt.currentTaskName();
        firstTaskId = rt.currentTaskId();
        firstStep = rt.step();
        firstNanos = rt.nanos();
        if (recordStack) {
            firstStack = new Throwable(describeFirstPoll());
        }
    }

    /** Where the first poll happened, for messages; {@code null} before it. */
    private String describeFirstPoll() {
        if (firstTask == null) {
            return null;
        }
        String task = firstTaskId < 0 ? firstTask : "'" + firstTask + "'#" + firstTaskId;
        return "first poll of " + future.getClass().getName() + " through this Pin, in task " + task
                + " at step " + firstStep + ", virtual time " + firstNanos + "ns";
    }

    /** The first poll as a throwable: its recorded stack, or (without one) its place alone. */
    private Throwable firstPollSite() {
        if (firstStack != null) {
            return firstStack;
        }
        String where = describeFirstPoll();
        return where == null ? null : new PollSite(where + " (its stack was not recorded: the executor records"
                + " stacks only in runs that check moves)");
    }

    /**
     * The pinned future, to inspect it; polling it other than through this pin is a move.
     *
     * @throws IllegalStateException if the pin was unpinned or closed
     */
    public Future<T> get() {
        checkUsable();
        return future;
    }

    /** Whether the future was polled through this pin. */
    public boolean isPolled() {
        return polls > 0;
    }

    /** How many times the future was polled through this pin. */
    public long pollCount() {
        return polls;
    }

    /**
     * Takes the future out of the pin, which is empty afterwards. Allowed only if the future is
     * {@link Unpin} or was never polled.
     *
     * @throws PinViolationException if the future was polled and is not {@code Unpin}; the pin
     *     keeps the future
     * @throws IllegalStateException if the pin was unpinned or closed
     */
    public Future<T> unpin() {
        checkUsable();
        if (polls > 0 && !(future instanceof Unpin)) {
            String name = future.getClass().getName();
            throw new PinViolationException("cannot unpin " + name + ": it was polled " + polls
                    + (polls == 1 ? " time" : " times") + " through this Pin and is not Unpin, so"
                    + " something it registered or refers to may still point at it. Either implement Unpin on "
                    + name + ", but only if nothing reachable from it (fields, registered wakers or"
                    + " callbacks) refers back to it, or keep polling it through this Pin; " + describeFirstPoll(),
                    firstPollSite());
        }
        Future<T> out = future;
        empty("pin was unpinned: its future was taken out by unpin() and must be polled from where it went");
        return out;
    }

    /** Cancels the pinned future (see {@link Futures#cancel}); does nothing on an empty pin. */
    @Override
    public void cancel() {
        Futures.cancel(future);
    }

    /** Ends a scoped pin. */
    private void close() {
        if (emptied == null) {
            empty("pin was closed: the body of Pin.scoped returned, and the future cannot be used outside it");
        }
    }

    private void empty(String why) {
        future = null;
        emptied = why;
    }

    private void checkUsable() {
        if (emptied != null) {
            throw new IllegalStateException(emptied);
        }
    }

    /** A first-poll site whose stack was not recorded: the message alone, no stack. */
    private static final class PollSite extends Throwable {
        PollSite(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public String toString() {
        return emptied != null ? "Pin[empty]" : "Pin[" + future + ", polled " + polls + "]";
    }
}
