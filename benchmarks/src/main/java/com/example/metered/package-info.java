/**
 * Application code for the agent's row: outside {@code dev.lockstep}, so the sim-agent rewrites
 * it like any user's class. {@code dev.lockstep.benchmarks.agent.AgentSides} loads it twice, once
 * rewritten and once left alone.
 */
package com.example.metered;
