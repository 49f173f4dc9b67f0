package dev.lockstep.time;

import dev.lockstep.future.Future;
import dev.lockstep.future.RuntimeHandle;

/**
 * A runtime that can be driven from outside any of its tasks: the {@code Simulation}, whose
 * {@link #blockOn(Future)} runs the simulation until the future completes.
 *
 * <p>Adapters that must sometimes wait from plain code (a virtual {@code ScheduledExecutorService}'s
 * {@code awaitTermination} or {@code invokeAll} called between runs) take one of these instead of
 * the simulation's class, so they need nothing of the executor but this.
 *
 * <p><b>Threads.</b> {@code blockOn} is called on the runtime's own thread, never from inside a
 * task (a task awaits instead).
 */
public interface BlockingRuntime {
    /** The handle its tasks see as {@code cx.runtime()}. */
    RuntimeHandle handle();

    /**
     * Runs until {@code future} completes and returns its value.
     *
     * @throws RuntimeException whatever the future, or the runtime's diagnosis of the run, throws
     */
    <T> T blockOn(Future<T> future);
}
