package dev.lockstep.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.lockstep.future.Futures;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.runtime.StepLimitException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

class SimTestPollTimeoutTest {
    @TempDir
    Path store;

    @ExtendWith(FixturesOnly.class)
    static class JoinInAPollTestCase {
        @SimTest(runs = 3, pollTimeout = "300ms", shrinkTime = "1s")
        void joinsAFutureNothingCompletes(Simulation sim) {
            sim.blockOn(Futures.lazy(() -> new CompletableFuture<Integer>().join()));
        }
    }

    @ExtendWith(FixturesOnly.class)
    static class SleepInAPollTestCase {
        @SimTest(runs = 3, pollTimeout = "300ms", shrinkTime = "1s")
        void sleepsForAnHour(Simulation sim) {
            sim.blockOn(Futures.lazy(() -> {
                try {
                    Thread.sleep(3_600_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 1;
            }));
        }
    }

    @Test
    void aPollThatAnInterruptCannotFreeEndsTheTestWithTheBlockingFrameAndTheHint() {
        Throwable failure = failure(run(JoinInAPollTestCase.class));
        String m = failure.getMessage();
        assertTrue(m.contains("a poll did not return"), m);
        assertTrue(m.contains("task 'main'#0 has been inside one poll for more than PT0.3S"), m);
        assertTrue(m.contains("at java.base/java.util.concurrent.CompletableFuture.join"), m);
        assertTrue(m.contains("blocking frame: dev.lockstep.junit.SimTestPollTimeoutTest$JoinInAPollTestCase"), m);
        assertTrue(m.contains("add dev.lockstep:sim-agent"), m);
    }

    @Test
    void anInterruptibleSleepFailsTheRunAsAPollTimeout() {
        Throwable failure = failure(run(SleepInAPollTestCase.class));
        Throwable cause = failure;
        while (cause != null && !(cause instanceof StepLimitException)) {
            cause = cause.getCause();
        }
        assertTrue(cause != null, "a StepLimitException in " + failure);
        assertTrue(cause.getMessage().contains("poll timeout") && cause.getMessage().contains("Thread.sleep"),
                cause.getMessage());
    }

    private EngineExecutionResults run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(fixture))
                .configurationParameter("lockstep.fixtures", "true")
                .configurationParameter("lockstep.ignoreEnvironment", "true")
                .configurationParameter("lockstep.store", store.toString())
                .execute();
    }

    private static Throwable failure(EngineExecutionResults results) {
        List<Throwable> failures = results.testEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .toList();
        assertEquals(1, failures.size(), "failures: " + failures);
        return failures.get(0);
    }
}
