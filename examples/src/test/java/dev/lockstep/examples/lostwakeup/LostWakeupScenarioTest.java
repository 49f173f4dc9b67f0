package dev.lockstep.examples.lostwakeup;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.examples.ScenarioTestCase;
import dev.lockstep.examples.Variant;
import dev.lockstep.runtime.DeadlockException;
import org.junit.jupiter.api.Test;

class LostWakeupScenarioTest extends ScenarioTestCase {
    LostWakeupScenarioTest() {
        super(new LostWakeupScenario(), DeadlockException.class);
    }

    @Test
    void theDiagnosisNamesTheWorkerThatLostItsWakeup() {
        Throwable failure = firstFailure(Variant.BUGGY).failure();
        assertTrue(failure.getMessage().contains("LOST WAKEUP"), failure.getMessage());
        assertTrue(failure.getMessage().matches("(?s).*task 'worker-\\d'#\\d+: last Pending.*LOST WAKEUP.*"),
                failure.getMessage());
    }
}
