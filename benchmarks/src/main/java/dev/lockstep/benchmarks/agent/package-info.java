/**
 * The sim-agent's cost, measured side by side: the same application code loaded twice in one JVM
 * with the agent attached, once rewritten ({@link dev.lockstep.benchmarks.agent.AgentSides#rewritten()})
 * and once left alone ({@link dev.lockstep.benchmarks.agent.AgentSides#untouched()}, its class
 * loader named in {@code -Dlockstep.agent.excludeLoaders}), and the one-time cost of attaching,
 * measured in fresh child JVMs ({@link dev.lockstep.benchmarks.agent.AttachCost}). The rows are
 * run by {@code dev.lockstep.benchmarks.sidebyside.SideBySideReport}.
 */
package dev.lockstep.benchmarks.agent;
