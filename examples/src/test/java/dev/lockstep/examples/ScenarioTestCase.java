package dev.lockstep.examples;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every scenario must show: the buggy variant fails within its stated budget with the
 * expected kind of failure, the failure replays from its string, and the fixed twin survives
 * 2,000 runs.
 */
public abstract class ScenarioTestCase {
    /** Runs the fixed twin must survive. */
    protected static final int FIXED_RUNS = 2_000;

    private final Scenario scenario;
    private final Class<? extends Throwable> expected;

    protected ScenarioTestCase(Scenario scenario, Class<? extends Throwable> expected) {
        this.scenario = scenario;
        this.expected = expected;
    }

    protected ScenarioHarness.Failure firstFailure(Variant variant) {
        return ScenarioHarness.firstFailure(scenario, variant, scenario.budget())
                .orElseThrow(() -> new AssertionError(scenario.name() + ": no failure within its budget of "
                        + scenario.budget() + " runs"));
    }

    @Test
    void theBugIsFoundWithinTheStatedBudget() {
        ScenarioHarness.Failure f = firstFailure(Variant.BUGGY);
        assertInstanceOf(expected, f.failure());
        System.out.println(scenario.name() + ": found at run " + f.run() + " of budget " + scenario.budget()
                + ", replay " + f.replay());
    }

    @Test
    void theFailureReplaysFromItsString() {
        ScenarioHarness.Failure f = firstFailure(Variant.BUGGY);
        for (int i = 0; i < 3; i++) {
            assertTrue(ScenarioHarness.replayFails(scenario, Variant.BUGGY, f.replay(), expected), f.replay());
        }
    }

    @Test
    void theFixedTwinSurvivesTwoThousandRuns() {
        Optional<ScenarioHarness.Failure> f = ScenarioHarness.firstFailure(scenario, Variant.FIXED, FIXED_RUNS);
        assertTrue(f.isEmpty(), () -> "fixed twin failed at run " + f.get().run() + ": " + f.get().failure());
    }
}
