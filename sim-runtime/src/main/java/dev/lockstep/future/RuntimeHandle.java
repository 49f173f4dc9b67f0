package dev.lockstep.future;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.trace.TraceEvent;
import java.time.Instant;

/**
 * The services of the executor that is polling a future: clock, timers, spawner, choices, trace,
 * and pluggable services such as the I/O reactor. Reached through {@code cx.runtime()}.
 *
 * <p>Two implementations exist: the {@link Simulation} (virtual time, one recorded choice
 * sequence) and the real-time runtime of {@code virtual-io} (wall-clock time, a real selector).
 * Code written against this interface runs on both.
 *
 * <h2>Threads</h2>
 * Every method must be called on the runtime's own thread, from inside a poll or a callback the
 * runtime runs.
 */
public interface RuntimeHandle {

    /** Nanoseconds on this runtime's clock since it started (virtual in a simulation). */
    long nanos();

    /** The clock as an instant; a simulation starts at {@link Instant#EPOCH}. */
    Instant now();

    /**
     * Wakes {@code waker} when the clock reaches {@code deadlineNanos}. Timers with equal
     * deadlines fire in registration order.
     *
     * @return the registration, to update the waker or cancel
     */
    TimerRegistration wakeAt(long deadlineNanos, Waker waker);

    /**
     * Runs {@code action} when the clock reaches {@code deadlineNanos}: how event sources such as
     * the simulated network schedule deliveries. The action runs on the runtime thread between
     * polls; it must not block.
     */
    TimerRegistration runAt(long deadlineNanos, Runnable action);

    /**
     * Starts {@code future} as a new task named {@code name}.
     *
     * @throws IllegalStateException if the runtime has ended
     */
    <T> JoinHandle<T> spawn(String name, Future<T> future);

    /** The source of every nondeterministic decision of this run. */
    ChoiceSource choices();

    /** Appends an event to this run's trace (no-op where the runtime keeps no trace). */
    void trace(TraceEvent event);

    /** The current step: the number of polls made so far. */
    long step();

    /** The id of the task being polled, or {@code -1} between polls. */
    int currentTaskId();

    /** The name of the task being polled, or {@code "-"} between polls. */
    String currentTaskName();

    /** The simulated host of the task being polled, or {@code ""} (no hosts, or between polls). */
    String currentHost();

    /**
     * FoundationDB-style fault point: whether the site {@code site} fires now. Always
     * {@code false} unless the run's fault plan enables buggify ({@link FaultKind#BUGGIFY}); then
     * the site is enabled for the whole run with the plan's probability the first time it is
     * asked, and an enabled site fires with that probability at each call. Both draws come from
     * the run's choices, so they replay and shrink. Always {@code false} on a real runtime.
     */
    boolean buggify(String site);

    /**
     * A service installed on this runtime (for example the I/O reactor), or {@code null}.
     */
    <S> S service(Class<S> type);

    /**
     * A one-line description of where the run is, for error messages: task, step, virtual time
     * and the replay string so far.
     */
    String describe();

    /** Whether this is a simulation (virtual time, recorded choices) rather than a real runtime. */
    boolean isSimulated();

    /**
     * Lets {@code to} act as this runtime's own thread, for a strict hand-off in which the caller
     * waits until {@code to} gives control back: the virtual-thread backend of async bodies passes
     * the baton to a body's thread before running it and back when it suspends, so that wakes,
     * spawns and timers made by the body are accepted. Only one thread holds the baton at a time.
     *
     * <h2>Returns</h2>
     * The thread that held the baton before; pass it to this method again to take the baton back.
     *
     * <h2>Default</h2>
     * Changes nothing and returns the calling thread: right for a runtime that does not check
     * which thread calls it. A runtime that rejects calls from other threads must override it, or
     * async bodies on the virtual-thread backend fail its checks.
     *
     * <h2>Errors</h2>
     * An implementation throws {@link IllegalStateException} if the caller does not hold the baton.
     */
    default Thread passBaton(Thread to) {
        return Thread.currentThread();
    }

    /**
     * Whether the calling thread is this runtime's own: the thread that polls its tasks (in a
     * simulation, the thread running {@code blockOn}, or the generator thread holding the baton).
     * Adapters that receive callbacks from code they do not control (a {@code CompletionStage}, a
     * {@code ListenableFuture}, callers of an executor) check it before touching the runtime.
     *
     * <p>May be called from any thread. The default, for runtimes that are not confined to one
     * thread, is {@code true}.
     */
    default boolean isRuntimeThread() {
        return true;
    }

    /**
     * Reports that {@code event} reached this runtime from the calling thread, which is not the
     * runtime's own (see {@link #isRuntimeThread()}). A simulation does not act on the event: it
     * fails the run with a {@link NondeterminismException} at its next step, whose message reads
     * "{@code <event>} on thread '{@code <name>}' ({@code <detail>})" and whose cause carries the
     * calling thread's stack.
     *
     * <p>May be called from any thread. The default throws {@link IllegalStateException} with the
     * same message, so a report is never dropped.
     *
     * @param event  what happened, for example {@code "CompletionStage completed"}
     * @param detail who was affected, for example {@code "awaited by task 'main'#0"}; may be empty
     */
    default void reportForeignThread(String event, String detail) {
        throw new IllegalStateException(event + " on thread '" + Thread.currentThread().getName() + "'"
                + (detail.isEmpty() ? "" : " (" + detail + ")") + ", outside the runtime");
    }

    /**
     * A poll site below a task's root: a combinator ({@code map}, {@code then}, {@code select},
     * {@code join}, {@code race}, {@code timeout}, a {@code TaskSet}) or an async body's
     * {@code await} calls this before it polls an inner future it owns, and polls (and keeps)
     * what it returns instead. A simulation whose plan enables {@code relocate} may return a
     * moved copy of an {@code Unpin} inner future here, as it does for a task's root future.
     *
     * <h2>Default</h2>
     * Returns {@code inner}: a real runtime moves nothing.
     */
    default <T> Future<T> beforeInnerPoll(Future<T> inner) {
        return inner;
    }

    /**
     * A poll site below a task's root: called right after an inner future returned {@code Ready},
     * before its owner drops it. A simulation whose plan enables {@code poll-after-ready} may poll
     * a {@link FusedFuture} once more here (the fused check) and fail the run if it is not fused.
     *
     * <h2>Default</h2>
     * Does nothing.
     */
    default void afterInnerReady(Future<?> inner) {
    }
}
