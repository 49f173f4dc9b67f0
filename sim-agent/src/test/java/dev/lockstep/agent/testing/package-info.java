/** Test helpers whose calls the agent leaves alone (it never rewrites {@code dev.lockstep}). */
package dev.lockstep.agent.testing;
