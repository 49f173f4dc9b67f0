/**
 * The seam between a simulation and the call sites that {@code dev.lockstep:sim-agent} rewrites:
 * the running simulation of a thread ({@link dev.lockstep.internal.edge.CurrentRun}), what a
 * rewritten call may ask of it ({@link dev.lockstep.internal.edge.EdgeRun}), the waits of the
 * async body running on a thread ({@link dev.lockstep.internal.edge.CurrentBody},
 * {@link dev.lockstep.internal.edge.BodyWaits}), the marker of a future completed from outside
 * Lockstep ({@link dev.lockstep.internal.edge.ExternalSource}, for the deadlock diagnosis), and
 * the service through which a simulation attaches the agent when it is on the class path
 * ({@link dev.lockstep.internal.edge.EdgeAgent}). Users do not need this package; sim-runtime
 * does not depend on the agent.
 *
 * <p>It imports nothing of Lockstep but {@code future} and {@code time}: {@code runtime},
 * {@code async} and {@code interop} depend on it, never the other way.
 */
package dev.lockstep.internal.edge;
