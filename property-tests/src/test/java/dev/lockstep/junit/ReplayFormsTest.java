package dev.lockstep.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;
import dev.lockstep.property.FailureReport;
import dev.lockstep.property.LockstepFailure;
import dev.lockstep.property.PlantedBugs;
import dev.lockstep.runtime.LivelockException;
import dev.lockstep.runtime.Simulation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Every failure of the planted bugs, under every mode @SimTest runs them in, replays from its
 * replay string alone, in a fresh JVM, through each replay form: the system property, the
 * environment variable with {@code @path}, and the plain API without JUnit or any setting.
 */
class ReplayFormsTest {
    @TempDir
    Path store;

    // ---------------------------------------------------------------- fixtures (run only from here)

    @ExtendWith(FixturesOnly.class)
    static class ModesTestCase {
        @SimTest(runs = 1000, seed = 1, shrinkTime = "5s")
        void plain(Simulation sim) {
            PlantedBugs.staleCache(sim);
        }

        @SimTest(runs = 1000, seed = 1, shrinkTime = "5s", faults = "spurious-poll=0.2, duplicate-wake=0.2")
        void targetedPlan(Simulation sim) {
            PlantedBugs.staleCache(sim);
        }

        @SimTest(runs = 1000, seed = 1, shrinkTime = "5s", faults = "swarm")
        void swarm(Simulation sim) {
            PlantedBugs.staleCache(sim);
        }

        @SimTest(runs = 1000, seed = 1, shrinkTime = "5s", scheduler = "pct(3, 20)")
        void pct(Simulation sim) {
            PlantedBugs.staleCache(sim);
        }

        @SimTest(runs = 1000, seed = 1, shrinkTime = "5s", faults = "swarm")
        void dataUnderSwarm(Simulation sim) {
            PlantedBugs.bigValueAndReversedOrder(sim);
        }
    }

    @ExtendWith(FixturesOnly.class)
    static class LivelockTestCase {
        /** Two tasks that wake each other forever, and a main task waiting for nothing. */
        @SimTest
        void twoTasksWakeEachOtherForever(Simulation sim) {
            boolean[] turn = {false};
            for (String name : List.of("ping", "pong")) {
                sim.spawn(name, Futures.pollFn(cx -> {
                    turn[0] = !turn[0];
                    cx.waker().wakeByRef();
                    return Poll.pending();
                }));
            }
            sim.blockOn(Futures.pollFn(cx -> Poll.pending()));
        }
    }

    // ---------------------------------------------------------------- helpers

    private EngineExecutionResults run(Class<?> fixture, String method, Map<String, String> parameters) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectMethod(fixture, method, Simulation.class.getName()))
                .configurationParameter("lockstep.fixtures", "true")
                .configurationParameter("lockstep.ignoreEnvironment", "true")
                .configurationParameter("lockstep.store", store.toString())
                .configurationParameters(parameters)
                .execute();
    }

    private static FailureReport report(EngineExecutionResults results) {
        List<Throwable> failures = results.testEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .toList();
        assertEquals(1, failures.size(), "failures: " + failures);
        return assertInstanceOf(LockstepFailure.class, failures.get(0)).report();
    }

    /** Runs {@code mainClass} with {@code args} in a new JVM; returns its exit code and output. */
    private static Object[] fork(Map<String, String> env, List<String> jvmArgs, Class<?> mainClass, String... args)
            throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-cp", classpath));
        command.addAll(jvmArgs);
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("LOCKSTEP_REPLAY");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        return new Object[] {p.exitValue(), out};
    }

    /** The failure's first line as a report prints it, without the location. */
    private static String failureLine(FailureReport f) {
        String s = f.shrunkFailure().toString();
        return s.contains("\n") ? s.substring(0, s.indexOf('\n')) : s;
    }

    // ---------------------------------------------------------------- tests

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "targetedPlan", "swarm", "pct", "dataUnderSwarm"})
    void eachModesFailureReplaysFromItsStringAloneInAFreshJvmThroughEveryForm(String mode) throws Exception {
        FailureReport found = report(run(ModesTestCase.class, mode, Map.of()));
        String replay = found.shrunkReplay();
        assertTrue(replay.startsWith("lockstep:2:"), replay);
        String fixture = ModesTestCase.class.getName();

        Object[] byProperty = fork(Map.of(), List.of("-Dlockstep.replay=" + replay), FreshJvmReplay.class, fixture, mode);
        assertEquals(3, byProperty[0], (String) byProperty[1]);
        assertTrue(((String) byProperty[1]).contains(failureLine(found)), (String) byProperty[1]);
        assertTrue(((String) byProperty[1]).contains("Setup:       " + found.shrunkSetup().describe()),
                (String) byProperty[1]);

        Path file = Files.writeString(store.resolve(mode + ".replay"), replay + "\n");
        Object[] byFile = fork(Map.of("LOCKSTEP_REPLAY", "@" + file), List.of(), FreshJvmReplay.class, fixture, mode);
        assertEquals(3, byFile[0], (String) byFile[1]);
        assertTrue(((String) byFile[1]).contains(failureLine(found)), (String) byFile[1]);

        String bug = mode.equals("dataUnderSwarm") ? "bigValueAndReversedOrder" : "staleCache";
        Object[] plainApi = fork(Map.of(), List.of(), FreshJvmPlainReplay.class, bug, replay);
        assertEquals(3, plainApi[0], (String) plainApi[1]);
        assertTrue(((String) plainApi[1]).contains(failureLine(found)), (String) plainApi[1]);
    }

    @Nested
    class ALivelock {
        @Test
        void failsFastWithASmallReportAndAShortStringThatEveryFormReplays() throws Exception {
            FailureReport f = report(run(LivelockTestCase.class, "twoTasksWakeEachOtherForever", Map.of()));
            assertInstanceOf(LivelockException.class, f.shrunkFailure());
            assertTrue(f.step() <= 2 * dev.lockstep.property.Property.DEFAULT_LIVELOCK_STEPS, "step " + f.step());
            assertEquals(0, f.shrunkSize(), "the plain schedule livelocks too");
            assertTrue(f.shrunkReplay().length() < 100, f.shrunkReplay());
            assertTrue(f.format().length() < 10_000, f.format().length() + " characters:\n" + f.format());
            assertTrue(f.format().contains("tasks 'ping'#0, 'pong'#1 kept waking each other"), f.format());
            Object[] replayed = fork(Map.of("LOCKSTEP_REPLAY", f.shrunkReplay()), List.of(), FreshJvmReplay.class,
                    LivelockTestCase.class.getName(), "twoTasksWakeEachOtherForever");
            assertEquals(3, replayed[0], (String) replayed[1]);
            assertTrue(((String) replayed[1]).contains("LivelockException"), (String) replayed[1]);
        }
    }

    @Test
    void aPlainAssertionFailureNamesItsPlanAndScheduler() {
        FailureReport f = report(run(ModesTestCase.class, "targetedPlan", Map.of()));
        assertInstanceOf(AssertionError.class, f.original());
        assertTrue(f.format().contains("Setup:       faults["), f.format());
        assertTrue(f.format().contains("scheduler uniform"), f.format());
        assertTrue(f.format().contains("Timeline:    " + store), f.format());
        assertTrue(Files.exists(Path.of(f.timelineFile())), f.timelineFile());
    }
}
