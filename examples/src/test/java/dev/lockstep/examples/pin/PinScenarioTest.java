package dev.lockstep.examples.pin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.examples.ScenarioHarness;
import dev.lockstep.examples.ScenarioTestCase;
import dev.lockstep.examples.Variant;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.runtime.ContractViolationException;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.trace.TraceEvent;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PinScenarioTest extends ScenarioTestCase {
    private final PinScenario scenario = new PinScenario();

    PinScenarioTest() {
        super(new PinScenario(), ContractViolationException.class);
    }

    @Nested
    class TheDiagnosis {
        @Test
        void isAPinViolationOfTheParserTask() {
            ContractViolationException c = (ContractViolationException) firstFailure(Variant.BUGGY).failure();
            assertEquals(ContractViolationException.Kind.PIN_VIOLATION, c.kind());
            assertEquals("parser", c.taskName());
        }

        @Test
        void namesTheFieldPathFromTheConnectionBackToThePreMoveParser() {
            String message = firstFailure(Variant.BUGGY).failure().getMessage();
            assertTrue(message.contains("FrameParser.connection.handlers[0]"), message);
        }
    }

    @Nested
    class TheFixedParser {
        @Test
        void isMovedInMostRunsAndStillYieldsTheFramesSent() {
            int movedRuns = 0;
            for (long seed = 0; seed < 100; seed++) {
                Simulation sim = scenario.configure(Simulation.builder().seed(seed)).build();
                scenario.run(sim, Variant.FIXED);
                boolean moved = sim.trace().events().stream().anyMatch(e -> e instanceof TraceEvent.Fault f
                        && f.kind().equals("relocate") && f.name().equals("parser") && f.detail().startsWith("moved"));
                movedRuns += moved ? 1 : 0;
            }
            assertTrue(movedRuns >= 50, "the fixed parser should be moved in most runs: " + movedRuns + " of 100");
        }
    }

    @Nested
    class WithoutMoves {
        @Test
        void theBuggyParserYieldsTheFramesSentInThreeHundredRuns() {
            Optional<ScenarioHarness.Failure> f = ScenarioHarness.firstFailure(scenario, Variant.BUGGY, 300,
                    b -> b.faults(FaultPlan.none()));
            assertTrue(f.isEmpty(), () -> "failed at run " + f.get().run() + ": " + f.get().failure());
        }
    }
}
