package dev.lockstep.examples.stalewaker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.examples.ScenarioHarness;
import dev.lockstep.examples.ScenarioTestCase;
import dev.lockstep.examples.Variant;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.runtime.DeadlockException;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StaleWakerScenarioTest extends ScenarioTestCase {
    private final StaleWakerScenario scenario = new StaleWakerScenario();

    StaleWakerScenarioTest() {
        super(new StaleWakerScenario(), DeadlockException.class);
    }

    @Nested
    class TheDiagnosis {
        @Test
        void namesAStaleWakerOfAnUploader() {
            DeadlockException d = (DeadlockException) firstFailure(Variant.BUGGY).failure();
            assertTrue(d.hasStaleWaker(), d.getMessage());
            assertTrue(d.getMessage().matches("(?s).*task 'uploader-\\d'#\\d+: last Pending.*STALE WAKER.*"),
                    d.getMessage());
        }

        @Test
        void doesNotCallItAPlainLostWakeupOfTheLimiter() {
            DeadlockException d = (DeadlockException) firstFailure(Variant.BUGGY).failure();
            assertTrue(d.blocked().stream().filter(b -> b.name().startsWith("uploader-"))
                    .anyMatch(DeadlockException.BlockedTask::staleWaker), d.getMessage());
        }
    }

    @Nested
    class WithoutTheFreshWakerFault {
        @Test
        void theBuggyLimiterSurvivesThreeHundredRuns() {
            Optional<ScenarioHarness.Failure> f = ScenarioHarness.firstFailure(scenario, Variant.BUGGY, 300,
                    b -> b.faults(FaultPlan.none()));
            assertTrue(f.isEmpty(), () -> "failed at run " + f.get().run() + ": " + f.get().failure());
        }
    }
}
