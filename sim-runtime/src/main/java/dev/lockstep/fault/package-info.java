/**
 * Fault plans: which executor faults a run may inject ({@link dev.lockstep.fault.FaultKind}) and with
 * what probability ({@link dev.lockstep.fault.FaultPlan}), including swarm plans drawn per run, and the
 * report of a move check ({@link dev.lockstep.fault.MoveReport}).
 * <p>Every fault is drawn from the run's choices and recorded in its trace, so a failure that needed
 * a fault replays and shrinks like any other; with no plan a run draws exactly what the plain executor draws.
 */
package dev.lockstep.fault;
