package dev.lockstep.testkit;

import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.pin.Pin;
import dev.lockstep.runtime.Simulation;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * A future polled by hand, as in tokio-test's {@code task::spawn}: the test decides when to poll,
 * checks whether the future woke its waker, and moves virtual time itself.
 *
 * <pre>{@code
 * MockTask<Void> task = MockTask.of(Sleep.of(Duration.ofSeconds(1)));
 * assertTrue(task.poll().isPending());
 * task.advance(Duration.ofSeconds(1));
 * assertTrue(task.isWoken());
 * assertTrue(task.poll().isReady());
 * }</pre>
 *
 * <p>The future is held in a {@link Pin} and polled with a {@link Context} whose waker is this
 * task's own {@link CountingWaker} (not a simulation task's waker, so a wake schedules nothing)
 * and whose runtime is a {@link Simulation}'s handle: timers, choices and {@code spawn} work as in
 * a simulation. Spawned tasks and timers run only when {@link #advance} is called.
 *
 * <h2>Waker</h2>
 * {@link #isWoken()} is whether the waker (or a clone of it) was woken since the start of the
 * last {@link #poll()} or {@link #enter}; a wake during that poll counts, as in tokio-test.
 *
 * <h2>After completion</h2>
 * The task does not guard the future: polling it after {@code Ready} polls it again, so a test
 * can check a {@link FusedFuture}.
 *
 * <h2>Determinism</h2>
 * {@link #of(Future)} uses a simulation with seed 0; pass a simulation built with
 * {@code Simulation.builder().choices(ChoiceSource.replay(..))} to script the choices of
 * {@code select} and {@code race}.
 *
 * @param <T> the future's value type
 */
public final class MockTask<T> {
    private final Simulation sim;
    private final CountingWaker waker = Wakers.counting();
    private final Context cx;
    private final Pin<T> pin;
    /** The wake count when the last poll or {@code enter} started. */
    private int wakesAtLastPoll;

    private MockTask(Future<T> future, Simulation sim) {
        this.sim = sim;
        this.pin = Pin.of(future);
        this.cx = new Context(waker.waker(), sim.handle());
    }

    /** A task over {@code future}, on a new simulation with seed 0. */
    public static <T> MockTask<T> of(Future<T> future) {
        Objects.requireNonNull(future, "future");
        return new MockTask<>(future, Simulation.builder().seed(0).build());
    }

    /** A task over {@code future} whose runtime is {@code sim}'s handle. */
    public static <T> MockTask<T> of(Future<T> future, Simulation sim) {
        return new MockTask<>(Objects.requireNonNull(future, "future"), Objects.requireNonNull(sim, "sim"));
    }

    /** Polls the future once, through its pin, and resets {@link #isWoken()}. */
    public Poll<T> poll() {
        return enter(pin::poll);
    }

    /**
     * Runs {@code body} with this task's context, as if inside a poll (to call a future's
     * {@code poll} or register with the runtime by hand), and resets {@link #isWoken()}.
     */
    public <R> R enter(Function<? super Context, ? extends R> body) {
        Objects.requireNonNull(body, "body");
        wakesAtLastPoll = waker.wakeCount();
        return body.apply(cx);
    }

    /** Whether the waker was woken since the start of the last poll. */
    public boolean isWoken() {
        return waker.wakeCount() > wakesAtLastPoll;
    }

    /** How many times the waker (or a clone) was woken in total. */
    public int wakeCount() {
        return waker.wakeCount();
    }

    /** The task's waker with its clone and drop counts. */
    public CountingWaker waker() {
        return waker;
    }

    /**
     * Moves the virtual clock forward by {@code duration}, firing every timer due by then (in
     * deadline order, equal deadlines in registration order) and running the simulation tasks they
     * wake. Does not poll this task's future: check {@link #isWoken()} and {@link #poll()} again.
     *
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    public void advance(Duration duration) {
        sim.advance(Objects.requireNonNull(duration, "duration"));
    }

    /** Whether the future was polled at least once. */
    public boolean isPolled() {
        return pin.isPolled();
    }

    /** The runtime the future sees as {@code cx.runtime()}. */
    public RuntimeHandle runtime() {
        return sim.handle();
    }

    /** The simulation behind the runtime: its clock, trace and choices. */
    public Simulation simulation() {
        return sim;
    }

    @Override
    public String toString() {
        return "MockTask[" + pin + ", wakes=" + waker.wakeCount() + "]";
    }
}
