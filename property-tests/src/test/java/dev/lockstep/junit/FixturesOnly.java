package dev.lockstep.junit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps fixture classes (tests that are meant to fail) from running except inside the tests that
 * run them on purpose, which set the configuration parameter {@code lockstep.fixtures=true}.
 */
public final class FixturesOnly implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        boolean wanted = context.getConfigurationParameter("lockstep.fixtures").map(Boolean::parseBoolean).orElse(false);
        return wanted ? ConditionEvaluationResult.enabled("run as a fixture")
                : ConditionEvaluationResult.disabled("a fixture, run only by SimTestExtensionTest");
    }
}
