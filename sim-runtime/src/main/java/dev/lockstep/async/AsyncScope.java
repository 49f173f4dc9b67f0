package dev.lockstep.async;

import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.RuntimeHandle;
import java.time.Duration;
import java.time.Instant;

/**
 * What an async body waits with: the argument of the body given to {@link Async#async}
 * (conventionally named {@code a}). A scope belongs to one body and is valid only inside it, on
 * the thread that runs it, while it runs.
 *
 * <h2>Returns</h2>
 * {@link #await} polls the future with the {@link Context} of the poll that is running the body.
 * If the future is ready, {@code await} returns its value at once, without suspending. Otherwise
 * the body suspends inside {@code await}: the async future's {@code poll} returns {@code Pending}
 * (the awaited future arranged for that poll's waker to be woken), and the async future's next
 * poll resumes the body inside {@code await}, which polls the future again with the new context.
 *
 * <h2>Waker</h2>
 * Every poll of the awaited future receives the waker of the current poll of the async future,
 * so a future that keeps only its latest waker is woken correctly. A spurious poll of the async
 * future polls the awaited future once more and suspends again if it is still pending.
 *
 * <h2>Cancellation</h2>
 * If the async future is cancelled while the body is suspended here, the awaited future is
 * cancelled and {@code await} throws {@link AsyncCancelledError}. Let it propagate.
 *
 * <h2>Determinism</h2>
 * The scope reads only the runtime's clock and choices; in a simulation, a body is as
 * reproducible as a hand-written {@code poll} and gives the same trace on both generator backends.
 *
 * <h2>Errors</h2>
 * <ul>
 *   <li>An exception thrown by the awaited future's {@code poll} is thrown from {@code await},
 *       unchanged; that future has then ended and is not polled again.
 *   <li>{@link IllegalStateException}, on any method: the scope is used outside its body (it
 *       escaped into a field, another task or a callback: after the body ended, or while it is
 *       suspended), or from a thread other than the one running the body.
 *   <li>{@link IllegalStateException} from the suspending methods ({@code await}, {@code sleep},
 *       {@code yieldNow}): the body was cancelled, caught {@link AsyncCancelledError} and awaited
 *       again; or a future this body is awaiting (for example a nested async body that captured
 *       this scope) awaited on it.
 * </ul>
 */
public interface AsyncScope {

    /**
     * Waits for {@code future} and returns its value.
     *
     * @throws AsyncCancelledError if the async future is cancelled while waiting
     * @throws IllegalStateException on misuse (see Errors)
     */
    <T> T await(Future<T> future);

    /** Waits for {@code duration} on the runtime's clock (virtual time in a simulation). */
    void sleep(Duration duration);

    /**
     * Gives other tasks a turn: suspends once, having woken its own task, so every task that is
     * runnable may run before the body continues.
     */
    void yieldNow();

    /** Starts {@code future} as a new task named {@code name}; await the handle for its value. */
    <T> JoinHandle<T> spawn(String name, Future<T> future);

    /** The runtime's clock now (a simulation starts at the epoch). */
    Instant now();

    /**
     * The context of the poll running the body now. It changes between suspensions: do not keep
     * it, or its waker, across an {@code await}.
     */
    Context context();

    /** The runtime polling the body: its clock, timers, spawner, choices, trace and services. */
    RuntimeHandle runtime();
}
