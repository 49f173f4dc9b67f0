package dev.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.agent.LockstepAgent;
import org.junit.jupiter.api.BeforeAll;

/**
 * sim-runtime's golden traces ({@link SimulationGoldenTraceTest}, every nested case) in a JVM with
 * the agent attached: with nothing escaping, each pinned trace hash, result and message still
 * holds. Runs in both of this module's executions, self-attached and with {@code -javaagent}.
 */
class SimulationGoldenTraceUnderTheAgentTest extends SimulationGoldenTraceTest {
    @BeforeAll
    static void attachTheAgent() {
        String how = LockstepAgent.attach();
        assertTrue(LockstepAgent.isAttached(), "the agent did not attach: " + how);
    }
}
