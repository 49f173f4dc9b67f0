package com.example.outside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.agent.LockstepAgent;
import dev.lockstep.async.Async;
import dev.lockstep.internal.generator.Generators;
import dev.lockstep.runtime.Simulation;
import org.junit.jupiter.api.Test;

class AgentAttachTest extends AgentTestCase {
    @Test
    void theContinuationBackendIsAvailableWithoutAFlag() {
        assertTrue(Generators.continuations().isPresent(), "the agent exports jdk.internal.vm: "
                + Generators.continuationsUnavailableBecause().orElse(""));
        assertEquals(1, (int) Simulation.builder().build().blockOn(Async.async(a -> {
            a.yieldNow();
            return 1;
        })));
    }

    @Test
    void attachingAgainAnswersAtOnceHowItIsAttached() {
        assertEquals(LockstepAgent.attachedHow(), LockstepAgent.attach());
        assertTrue(LockstepAgent.attachedHow().equals("-javaagent") || LockstepAgent.attachedHow().equals("self-attached"));
    }
}
