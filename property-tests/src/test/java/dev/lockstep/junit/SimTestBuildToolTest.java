package dev.lockstep.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.lockstep.property.FailureStore;
import dev.lockstep.property.LockstepFailure;
import dev.lockstep.property.PlantedBugs;
import dev.lockstep.runtime.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;

/** {@code @SimTest} under another build tool: the report's commands and the store follow the settings. */
class SimTestBuildToolTest {
    @TempDir
    Path dir;

    @ExtendWith(FixturesOnly.class)
    static class StaleCacheTestCase {
        @SimTest(runs = 1000, seed = 1, shrinkTime = "5s")
        void staleCache(Simulation sim) {
            PlantedBugs.staleCache(sim);
        }
    }

    private LockstepFailure run(Map<String, String> parameters) {
        List<Throwable> failures = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(StaleCacheTestCase.class))
                .configurationParameter("lockstep.fixtures", "true")
                .configurationParameter("lockstep.ignoreEnvironment", "true")
                .configurationParameters(parameters)
                .execute().testEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .toList();
        assertEquals(1, failures.size(), "failures: " + failures);
        return assertInstanceOf(LockstepFailure.class, failures.get(0));
    }

    @Test
    void underGradleTheReportPrintsGradleCommandsAndTheStoreGoesWhereStoreDirSays() {
        Path store = dir.resolve("gradle-store");
        LockstepFailure f = run(Map.of("lockstep.build.tool", "gradle", "lockstep.store.dir", store.toString()));
        String replay = f.report().shrunkReplay();
        String test = "SimTestBuildToolTest$StaleCacheTestCase.staleCache";
        assertTrue(f.getMessage().contains("system prop:  ./gradlew test --tests '" + test + "' -Dlockstep.replay=" + replay),
                f.getMessage());
        assertTrue(f.getMessage().contains("environment:  LOCKSTEP_REPLAY=" + replay + " ./gradlew test --tests '" + test + "'"),
                f.getMessage());
        assertFalse(f.getMessage().contains("mvn test"), f.getMessage());
        assertTrue(Files.exists(FailureStore.defaultFile(store, StaleCacheTestCase.class.getName(),
                "staleCache(dev.lockstep.runtime.Simulation)")), "the failure is stored under lockstep.store.dir");
    }

    @Test
    void aGradleTestWorkerIsRecognisedWithoutASetting() {
        LockstepFailure f = run(Map.of("org.gradle.test.worker", "7", "lockstep.store", "off"));
        assertTrue(f.getMessage().contains("./gradlew test --tests"), f.getMessage());
    }

    @Test
    void underMavenTheCommandsStayMavens() {
        LockstepFailure f = run(Map.of("lockstep.store", "off"));
        assertTrue(f.getMessage().contains("system prop:  mvn test -Dtest='SimTestBuildToolTest$StaleCacheTestCase#staleCache'"),
                f.getMessage());
    }
}
