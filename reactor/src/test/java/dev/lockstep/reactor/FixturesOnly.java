package dev.lockstep.reactor;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps fixture classes (tests meant to fail) from running except inside the tests that run them
 * on purpose through the JUnit test kit, which set {@code lockstep.fixtures=true}.
 */
public final class FixturesOnly implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        boolean wanted = context.getConfigurationParameter("lockstep.fixtures").map(Boolean::parseBoolean).orElse(false);
        return wanted ? ConditionEvaluationResult.enabled("run as a fixture")
                : ConditionEvaluationResult.disabled("a fixture, run only by the test that runs it");
    }
}
