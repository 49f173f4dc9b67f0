/**
 * The agent's installation and rewriting: {@link dev.lockstep.agent.internal.Installer} and
 * {@link dev.lockstep.agent.internal.SelfAttach} put the transformer in place (with
 * {@code -javaagent:} or by attaching to the running JVM) and retransform the classes loaded
 * before; {@link dev.lockstep.agent.internal.CallSiteTransformer} and
 * {@link dev.lockstep.agent.internal.CallSiteRewriter} replace each call listed in
 * {@link dev.lockstep.agent.internal.Rules} with a call to its handler in
 * {@code dev.lockstep.agent.internal.calls}.
 *
 * <p>Invariants: classes of {@code java.*}, {@code jdk.*}, {@code sun.*}, {@code com.sun.*},
 * {@code dev.lockstep.*} and the user's exclude list ({@link dev.lockstep.agent.internal.Excludes})
 * are never rewritten; a rewritten call keeps its descriptor's arguments and result, so a class
 * rewritten once behaves as before outside a simulation.
 */
package dev.lockstep.agent.internal;
