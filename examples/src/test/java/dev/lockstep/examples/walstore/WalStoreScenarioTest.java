package dev.lockstep.examples.walstore;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.examples.ScenarioTestCase;
import dev.lockstep.examples.Variant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WalStoreScenarioTest extends ScenarioTestCase {
    WalStoreScenarioTest() {
        super(new WalStoreScenario(), AssertionError.class);
    }

    @Nested
    class TheDiagnosis {
        @Test
        void namesTheLostWriteWhatTheStoreHoldsAndTheCrashTime() {
            String message = firstFailure(Variant.BUGGY).failure().getMessage();
            assertTrue(message.matches("(?s)acknowledged write lost: (k\\d)=v\\d was acknowledged by db, but after its"
                    + " crash at \\d+ ms and restart it has \\1( missing|=v\\d)\n  acknowledged: \\[k1=v1.*\\]"), message);
        }
    }
}
