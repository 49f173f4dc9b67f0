package dev.lockstep.time;

import dev.lockstep.future.Future;
import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.future.Timeout;
import dev.lockstep.future.TimeoutExpiredException;
import dev.lockstep.future.Waker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Who waits on a {@link VirtualScheduledExecutor}'s state, and how: the wakers of
 * {@link ConditionFuture}s, woken whenever a task finishes or the executor shuts down, and the
 * rule for blocking calls ({@code get}, {@code invokeAll}, {@code awaitTermination}).
 *
 * <h2>Waiting</h2>
 * A blocking call never blocks the simulation's thread. From test code (outside a run) it runs
 * the simulation, {@code sim.blockOn}, until its condition holds or its timeout of virtual time
 * elapses. Inside a task it cannot wait, since nothing else could run while it did: it throws
 * {@link IllegalStateException} saying what to await instead.
 */
final class ExecutorWaiters {
    private final RuntimeHandle runtime;
    /** The simulation to run while waiting; null for an executor made from a runtime handle. */
    private final BlockingRuntime sim;
    private final String executor;
    /** Wakers to wake on the next state change, in registration order, without duplicates. */
    private final List<Waker> wakers = new ArrayList<>();

    ExecutorWaiters(RuntimeHandle runtime, BlockingRuntime sim, String executor) {
        this.runtime = runtime;
        this.sim = sim;
        this.executor = executor;
    }

    /** Keeps {@code waker} until the next {@link #signal()}. */
    void watch(Waker waker) {
        for (Waker w : wakers) {
            if (w.willWake(waker)) {
                return;
            }
        }
        wakers.add(waker);
    }

    /** Wakes every watcher once: the executor's state changed. */
    void signal() {
        if (wakers.isEmpty()) {
            return;
        }
        List<Waker> toWake = new ArrayList<>(wakers);
        wakers.clear();
        toWake.forEach(Waker::wake);
    }

    /** Whether a blocking call may wait here: outside a task, on an executor that can run the simulation. */
    boolean canWait() {
        return runtime.currentTaskId() < 0 && sim != null;
    }

    /**
     * Whether {@code done} holds, waiting at most {@code timeoutNanos} of virtual time for it
     * ({@link Long#MAX_VALUE}: no limit) by running the simulation; a timeout of 0 never waits.
     *
     * @throws IllegalStateException if it would have to wait inside a task, or cannot run the simulation
     */
    boolean await(String what, BooleanSupplier done, long timeoutNanos) {
        if (done.getAsBoolean()) {
            return true;
        }
        if (timeoutNanos <= 0) {
            return false;
        }
        requireCanWait(what);
        Future<Boolean> until = new ConditionFuture(this, done);
        if (timeoutNanos != Long.MAX_VALUE) {
            until = Timeout.of(until, Duration.ofNanos(timeoutNanos));
        }
        try {
            return sim.blockOn(until);
        } catch (TimeoutExpiredException e) {
            return done.getAsBoolean();
        }
    }

    /** Throws unless {@link #canWait()}, saying why and what to do instead. */
    void requireCanWait(String what) {
        if (runtime.currentTaskId() >= 0) {
            throw new IllegalStateException(what + " would block task '" + runtime.currentTaskName()
                    + "', but tasks share the simulation's only thread, so nothing could finish while it waited"
                    + " (executor '" + executor + "', " + runtime.describe() + "). In a task, await instead:"
                    + " CompletableFuture.supplyAsync(.., executor) with Interop.fromCompletionStage(..), or"
                    + " executor.whenTerminated()");
        }
        if (sim == null) {
            throw new IllegalStateException(what + " cannot wait: executor '" + executor + "' was made from a"
                    + " RuntimeHandle and cannot run the simulation; make it with sim.scheduledExecutor() to wait"
                    + " from test code (" + runtime.describe() + ")");
        }
    }
}
