package dev.lockstep.examples.kvstore;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.examples.ScenarioTestCase;
import dev.lockstep.examples.Variant;
import dev.lockstep.runtime.Simulation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KvStoreScenarioTest extends ScenarioTestCase {
    /**
     * The shortest losing schedule: partition at 0 ms, heal 1 + 1 ms later, crash at 4 ms; every
     * later choice 0 (minimum latency, FIFO). The first write is acknowledged at 3 ms, and the
     * replicator's connection, held up by the partition, is only just established at the crash.
     */
    private static final int[] PARTITION_FROM_THE_START = {0, 1, 4};

    private final KvStoreScenario scenario = new KvStoreScenario();

    KvStoreScenarioTest() {
        super(new KvStoreScenario(), AssertionError.class);
    }

    private void run(Variant variant, int[] choices) {
        scenario.run(scenario.configure(Simulation.builder().choices(ChoiceSource.replay(choices))).build(), variant);
    }

    @Nested
    class TheDiagnosis {
        @Test
        void namesTheLostWriteWhatThePromotedFollowerHoldsAndTheFaultPlan() {
            String message = firstFailure(Variant.BUGGY).failure().getMessage();
            assertTrue(message.matches("(?s)acknowledged write lost: (k\\d)=v\\d was acknowledged by kv-1, but"
                    + " kv-[23], the most up-to-date follower after kv-1 crashed, has \\1( missing|=v\\d)\n"
                    + "  acknowledged: \\[k1=v1.*\\]\n  applied: kv-2 \\d, kv-3 \\d\n"
                    + "  nemesis: partition kv-1 from \\[kv-2, kv-3\\] at \\d+ ms, heal at \\d+ ms,"
                    + " crash kv-1 at \\d+ ms"),
                    message);
        }
    }

    @Nested
    class TheShortestLosingSchedule {
        @Test
        void losesTheFirstWriteOnTheBuggyLeader() {
            AssertionError e = assertThrows(AssertionError.class, () -> run(Variant.BUGGY, PARTITION_FROM_THE_START));
            assertTrue(e.getMessage().startsWith("acknowledged write lost: k1=v1 was acknowledged by kv-1"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("applied: kv-2 0, kv-3 0"), e.getMessage());
        }

        @Test
        void losesNothingOnTheFixedLeader() {
            assertDoesNotThrow(() -> run(Variant.FIXED, PARTITION_FROM_THE_START));
        }
    }
}
