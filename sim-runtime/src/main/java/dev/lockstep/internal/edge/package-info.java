/**
 * The seam between a simulation and the call sites that {@code dev.lockstep:sim-agent} rewrites:
 * the running simulation of a thread ({@link dev.lockstep.internal.edge.CurrentRun}), what a
 * rewritten call may ask of it ({@link dev.lockstep.internal.edge.EdgeRun}), and the service
 * through which a simulation attaches the agent when it is on the class path
 * ({@link dev.lockstep.internal.edge.EdgeAgent}). Users do not need this package; sim-runtime
 * does not depend on the agent.
 */
package dev.lockstep.internal.edge;
