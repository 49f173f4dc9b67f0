/**
 * The Lockstep Java agent: rewrites call sites that reach outside a simulation (real time,
 * randomness, thread pools, threads, blocking) so that, on a simulation's thread, they are
 * virtualized or reported as the run's {@code EscapePolicy} says. Attach it with
 * {@code -javaagent:sim-agent.jar}, or put {@code sim-agent} on the test class path and let the
 * first simulation attach it. See {@code docs/outside-world.md}.
 */
package dev.lockstep.agent;
