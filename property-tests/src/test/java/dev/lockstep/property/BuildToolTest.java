package dev.lockstep.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BuildToolTest {
    static BuildTool detect(Map<String, String> properties, Map<String, String> environment) {
        return BuildTool.detect(properties::get, environment::get);
    }

    @Nested
    class Detection {
        @Test
        void aGradleTestWorkerIsRecognisedByItsSystemProperty() {
            assertEquals(BuildTool.GRADLE, detect(Map.of("org.gradle.test.worker", "3"), Map.of()));
        }

        @Test
        void aGradleTestWorkerIsRecognisedByItsMainClass() {
            assertEquals(BuildTool.GRADLE, detect(Map.of("sun.java.command",
                    "worker.org.gradle.process.internal.worker.GradleWorkerMain 'Gradle Test Executor 1'"), Map.of()));
        }

        @Test
        void anythingElseIsMaven() {
            assertEquals(BuildTool.MAVEN, detect(Map.of("sun.java.command", "org.apache.maven.surefire.booter.ForkedBooter"),
                    Map.of()));
            assertEquals(BuildTool.MAVEN, detect(Map.of(), Map.of()));
        }

        @Test
        void theSettingWinsAndThePropertyWinsOverTheVariable() {
            assertEquals(BuildTool.MAVEN, detect(Map.of("org.gradle.test.worker", "1", "lockstep.build.tool", "maven"),
                    Map.of()));
            assertEquals(BuildTool.GRADLE, detect(Map.of(), Map.of("LOCKSTEP_BUILD_TOOL", "Gradle")));
            assertEquals(BuildTool.MAVEN, detect(Map.of("lockstep.build.tool", "mvn"), Map.of("LOCKSTEP_BUILD_TOOL", "gradle")));
        }

        @Test
        void anUnknownToolIsAnErrorThatNamesTheChoices() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> detect(Map.of("lockstep.build.tool", "ant"), Map.of()));
            assertEquals("unknown build tool 'ant': expected maven or gradle", e.getMessage());
        }

        @Test
        void thisBuildIsMaven() {
            assertEquals(BuildTool.MAVEN, BuildTool.current());
        }
    }

    @Nested
    class Commands {
        @Test
        void mavenSelectsTheMethodWithDashDTest() {
            assertEquals("mvn test -Dtest='CacheTest#stale' -Dlockstep.replay=lockstep:1:AAE",
                    BuildTool.MAVEN.testCommand("CacheTest#stale", "lockstep.replay", "lockstep:1:AAE"));
            assertEquals("LOCKSTEP_REPLAY=lockstep:1:AAE mvn test -Dtest='CacheTest#stale'",
                    BuildTool.MAVEN.testCommandWithEnvironment("CacheTest#stale", "LOCKSTEP_REPLAY", "lockstep:1:AAE"));
        }

        @Test
        void gradleSelectsTheMethodWithDashDashTests() {
            assertEquals("./gradlew test --tests 'CacheTest.stale' -Dlockstep.replay=lockstep:1:AAE",
                    BuildTool.GRADLE.testCommand("CacheTest#stale", "lockstep.replay", "lockstep:1:AAE"));
            assertEquals("LOCKSTEP_REPLAY=lockstep:1:AAE ./gradlew test --tests 'CacheTest.stale'",
                    BuildTool.GRADLE.testCommandWithEnvironment("CacheTest#stale", "LOCKSTEP_REPLAY", "lockstep:1:AAE"));
        }

        @Test
        void aFailureReportPrintsTheCommandsOfTheToolItIsGiven() {
            FailureReport f = Property.of("PlantedBugTest#staleCache", Scenario.of(PlantedBugs::staleCache))
                    .seed(1).shrinkTime(Duration.ofSeconds(5)).warnings(w -> { }).runs(1000).check()
                    .failure().orElseThrow();
            String gradle = f.format(BuildTool.GRADLE);
            assertTrue(gradle.contains("    system prop:  ./gradlew test --tests 'PlantedBugTest.staleCache' -Dlockstep.replay="
                    + f.shrunkReplay()), gradle);
            assertTrue(gradle.contains("    environment:  LOCKSTEP_REPLAY=" + f.shrunkReplay()
                    + " ./gradlew test --tests 'PlantedBugTest.staleCache'"), gradle);
            assertFalse(gradle.contains("mvn "), gradle);
            assertTrue(f.format().contains("mvn test -Dtest='PlantedBugTest#staleCache'"), "this JVM runs under Maven");
        }
    }

    @Nested
    class Store {
        @Test
        void theDefaultStoreIsInTheToolsBuildDirectory() {
            assertEquals(Path.of("target", "lockstep"), BuildTool.MAVEN.defaultStoreRoot());
            assertEquals(Path.of("build", "lockstep"), BuildTool.GRADLE.defaultStoreRoot());
            assertEquals(Optional.of(Path.of("build", "lockstep")),
                    Overrides.from(Map.of("org.gradle.test.worker", "1")::get, k -> null).storeRoot());
            assertEquals(Optional.of(Path.of("target", "lockstep")), Overrides.none().storeRoot());
        }

        @Test
        void storeDirMovesItAndStoreStillWins() {
            assertEquals(Optional.of(Path.of("/tmp/x")),
                    Overrides.from(Map.of("lockstep.store.dir", "/tmp/x")::get, k -> null).storeRoot());
            assertEquals(Optional.of(Path.of("/tmp/y")),
                    Overrides.from(k -> null, Map.of("LOCKSTEP_STORE_DIR", "/tmp/y")::get).storeRoot());
            assertEquals(Optional.empty(),
                    Overrides.from(Map.of("lockstep.store.dir", "/tmp/x", "lockstep.store", "off")::get, k -> null)
                            .storeRoot());
        }

        @Test
        void theBuildToolSettingIsAnOverrideLikeTheOthers() {
            Overrides o = Overrides.from(k -> null, Map.of("LOCKSTEP_BUILD_TOOL", "gradle")::get);
            assertEquals(BuildTool.GRADLE, o.buildTool());
            assertTrue(o.given().contains("LOCKSTEP_BUILD_TOOL=gradle"), o.given().toString());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Overrides.from(Map.of("lockstep.build.tool", "ant")::get, k -> null));
            assertTrue(e.getMessage().contains("-Dlockstep.build.tool=ant is not valid: expected maven or gradle"),
                    e.getMessage());
        }
    }
}
