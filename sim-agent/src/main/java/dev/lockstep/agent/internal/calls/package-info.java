/**
 * What rewritten call sites invoke: one handler class per family ({@code TimeCalls},
 * {@code RandomCalls}, {@code ThreadCalls}, {@code ExecutorCalls}, {@code StageCalls},
 * {@code BlockingCalls}), the stand-ins they construct ({@code RoutingClock}, the
 * {@code Routing*} executors and timer, {@code SimRandom}, {@code SimSecureRandom}), and the
 * registry of rewritten sites ({@link dev.lockstep.agent.internal.calls.CallSites}), which names
 * each site's class and line in an escape report.
 *
 * <p>Invariants: each handler first asks whether the calling thread runs a simulation; if not, it
 * does exactly what the original call did. Inside a run it virtualizes the call (virtual time, the
 * run's choices, a task instead of a thread) or, for a call that cannot be, reports it at its site
 * as the run's {@code EscapePolicy} says. Rewritten code calls the public static methods here;
 * nothing else should.
 */
package dev.lockstep.agent.internal.calls;
