/**
 * The executor: {@link dev.lockstep.runtime.Simulation}, its builder, {@link dev.lockstep.runtime.TaskSet}
 * and its public errors ({@link dev.lockstep.runtime.SimulationException} and subclasses).
 * <p>One thread; tasks hold their future in a {@code Pin}; a task's waker schedules it at most once;
 * which runnable task runs next is a choice; when nothing is runnable the clock jumps to the next
 * timer, and when nothing is pending either the run ends in a {@link dev.lockstep.runtime.DeadlockException}
 * that names each blocked task and where its waker went. The only ambient state is the executor's
 * current task, set while a task is polled. The executor's parts (task lifecycle, run loop, timers,
 * fault injection, diagnosis) are in {@code dev.lockstep.internal.exec}; this package checks the
 * public calls, hands them to those parts, and builds the public errors they report
 * ({@code SimulationErrors}).
 */
package dev.lockstep.runtime;
