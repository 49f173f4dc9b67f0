/**
 * The executor's parts behind {@code dev.lockstep.runtime.Simulation}: {@link dev.lockstep.internal.exec.Kernel}
 * holds them, {@link dev.lockstep.internal.exec.TaskLifecycle} spawns, wakes, polls and aborts
 * {@link dev.lockstep.internal.exec.Task}s, {@link dev.lockstep.internal.exec.RunLoop} picks what
 * runs next, {@link dev.lockstep.internal.exec.SimTimers} keeps the clock and the timers,
 * {@link dev.lockstep.internal.exec.FaultInjector} injects the plan's faults (with
 * {@code FusedCheck}, {@code MoveInjection}, {@code NetworkNemesis}),
 * {@link dev.lockstep.internal.exec.Deadlocks} diagnoses a run that cannot go on,
 * {@link dev.lockstep.internal.exec.ForeignThreads} and {@link dev.lockstep.internal.exec.SimEdge}
 * watch the edge of the simulation.
 *
 * <p>Invariants: everything here runs on the simulation's thread; a task's waker schedules it at
 * most once; which runnable task runs next is a choice of the run's {@code ChoiceSource}; the parts
 * are built in a fixed order, so the choices each draws at construction are the same in every run.
 * Nothing here names a public error type of {@code dev.lockstep.runtime}: failures are built by
 * {@link dev.lockstep.internal.exec.Errors}, which that package implements, so the two packages form
 * no cycle. Users need none of these types.
 */
package dev.lockstep.internal.exec;
