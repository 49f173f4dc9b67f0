package dev.lockstep.junit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.property.FailureReport;
import dev.lockstep.property.FailureStore;
import dev.lockstep.property.LockstepFailure;
import dev.lockstep.property.PlantedBugs;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.runtime.StepLimitException;
import dev.lockstep.time.Sleep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

class SimTestExtensionTest {
    @TempDir
    Path store;

    // ---------------------------------------------------------------- fixtures (run only from here)

    @ExtendWith(FixturesOnly.class)
    static class StaleCacheTestCase {
        @SimTest(runs = 1000, seed = 1, shrinkTime = "5s")
        void staleCache(Simulation sim) {
            PlantedBugs.staleCache(sim);
        }
    }

    @ExtendWith(FixturesOnly.class)
    static class DataTestCase {
        @SimTest(runs = 200, seed = 1, shrinkTime = "5s")
        void bigValueAndReversedOrder(Simulation sim) {
            PlantedBugs.bigValueAndReversedOrder(sim);
        }
    }

    @ExtendWith(FixturesOnly.class)
    static class PassingTestCase {
        @SimTest(runs = 100)
        void yields(Simulation sim) {
            sim.blockOn(Futures.join(PlantedBugs.afterYields(2, () -> {}), PlantedBugs.afterYields(3, () -> {})));
        }
    }

    @ExtendWith(FixturesOnly.class)
    static class RunIndexTestCase {
        @SimTest(runs = 50)
        void failsAtRunThirteen(int run, Simulation sim) {
            assertTrue(run != 13, "run " + run);
        }
    }

    @ExtendWith(FixturesOnly.class)
    static class ReplayAttributeTestCase {
        @SimTest(replay = "lockstep:1:AgADAw")
        void staleCache(Simulation sim) {
            PlantedBugs.staleCache(sim);
        }
    }

    @ExtendWith(FixturesOnly.class)
    static class LimitsTestCase {
        @SimTest(runs = 3, maxVirtualTime = "10s")
        void sleepsAMinute(Simulation sim) {
            sim.blockOn(Sleep.of(Duration.ofMinutes(1)));
        }

        @SimTest(runs = 3, maxSteps = 10)
        void yieldsTwentyTimes(Simulation sim) {
            sim.blockOn(PlantedBugs.afterYields(20, () -> {}));
        }
    }

    @ExtendWith(FixturesOnly.class)
    static class TimeLimitTestCase {
        @SimTest(runs = 3, timeLimit = "10s")
        void sleepsAMinute(Simulation sim) {
            sim.blockOn(Sleep.of(Duration.ofMinutes(1)));
        }

        @SimTest(runs = 3, timeLimit = "2m")
        void sleepsAMinuteWithinTheLimit(Simulation sim) {
            sim.blockOn(Sleep.of(Duration.ofMinutes(1)));
        }
    }

    @ExtendWith(FixturesOnly.class)
    static class DisagreeingLimitsTestCase {
        @SimTest(maxVirtualTime = "10s", timeLimit = "20s")
        void twoLimits(Simulation sim) {}
    }

    @ExtendWith(FixturesOnly.class)
    static class LeakyTestCase {
        private int calls; // shared by all runs of the test: a leak between runs

        @SimTest(runs = 20)
        void spawnsANewNameEachRun(Simulation sim) {
            sim.spawn("task-" + calls++, Futures.ready(1));
            sim.blockOn(Futures.yieldNow());
        }
    }

    @ExtendWith(FixturesOnly.class)
    static class BadAttributeTestCase {
        @SimTest(maxVirtualTime = "10 parsecs")
        void badDuration(Simulation sim) {}
    }

    @ExtendWith(FixturesOnly.class)
    static class FaultsTestCase {
        /** Completes on any poll after its first: wrong when polled without a wake. */
        private static Future<Integer> impatient(Simulation sim) {
            boolean[] polled = {false};
            Sleep sleep = Sleep.of(Duration.ofSeconds(1));
            return cx -> {
                if (polled[0]) {
                    return dev.lockstep.future.Poll.ready(sim.clock().elapsed().toSeconds() >= 1 ? 1 : -1);
                }
                polled[0] = true;
                sleep.poll(cx);
                return dev.lockstep.future.Poll.pending();
            };
        }

        @SimTest(runs = 50)
        void withoutFaults(Simulation sim) {
            assertEquals(1, sim.blockOn(sim.spawn("impatient", impatient(sim))));
        }

        @SimTest(runs = 200, faults = "spurious-poll=0.5", shrinkTime = "2s")
        void withSpuriousPolls(Simulation sim) {
            assertEquals(1, sim.blockOn(sim.spawn("impatient", impatient(sim))));
        }
    }

    /** Three tasks; the writer's a, b, c with x and y inside it needs two preemptions. */
    @ExtendWith(FixturesOnly.class)
    static class InterleavingTestCase {
        static void interleave(Simulation sim) {
            List<String> log = new java.util.ArrayList<>();
            for (String[] items : List.of(new String[] {"a", "b", "c"}, new String[] {"x"}, new String[] {"y"})) {
                int[] next = {0};
                sim.spawn(items[0], dev.lockstep.future.Futures.pollFn(cx -> {
                    log.add(items[next[0]++]);
                    if (next[0] == items.length) {
                        return dev.lockstep.future.Poll.ready(0);
                    }
                    cx.waker().wakeByRef();
                    return dev.lockstep.future.Poll.pending();
                }));
            }
            sim.advance(Duration.ZERO);
            assertNotEquals(List.of("a", "x", "b", "y", "c"), log);
        }

        @SimTest(search = "dfs", maxPreemptions = 2, runs = 10_000)
        void twoPreemptions(Simulation sim) {
            interleave(sim);
        }

        @SimTest(search = "dfs", maxPreemptions = 1, runs = 10_000)
        void onePreemption(Simulation sim) {
            interleave(sim);
        }
    }

    @ExtendWith(FixturesOnly.class)
    static class BadFaultsTestCase {
        @SimTest(faults = "spurious-pol=0.5")
        void misspelled(Simulation sim) {}
    }

    @ExtendWith(FixturesOnly.class)
    static class NoSimulationTestCase {
        @SimTest
        void takesNoSimulation() {}
    }

    // ---------------------------------------------------------------- helpers

    private EngineExecutionResults run(Class<?> fixture, Map<String, String> parameters) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(fixture))
                .configurationParameter("lockstep.fixtures", "true")
                .configurationParameter("lockstep.ignoreEnvironment", "true")
                .configurationParameter("lockstep.store", store.toString())
                .configurationParameters(parameters)
                .execute();
    }

    private static Throwable failure(EngineExecutionResults results) {
        List<Throwable> failures = failures(results);
        assertEquals(1, failures.size(), "failures: " + failures);
        return failures.get(0);
    }

    private static List<Throwable> failures(EngineExecutionResults results) {
        return results.testEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .toList();
    }

    private static List<String> entries(EngineExecutionResults results, String key) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get(key))
                .filter(v -> v != null)
                .toList();
    }

    private static FailureReport report(EngineExecutionResults results) {
        return assertInstanceOf(LockstepFailure.class, failure(results)).report();
    }

    /** The trace event lines of a report. */
    private static String traceLines(String report) {
        String fromHeader = report.substring(report.indexOf("trace events of the"));
        return fromHeader.substring(fromHeader.indexOf('\n') + 1, fromHeader.indexOf("  (The original"));
    }

    // ---------------------------------------------------------------- tests

    @Nested
    class Execution {
        @Test
        void aPassingTestRunsEveryRunAndPublishesASummary() {
            EngineExecutionResults r = run(PassingTestCase.class, Map.of());
            r.testEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0));
            List<String> summary = entries(r, "lockstep");
            assertEquals(1, summary.size());
            assertTrue(summary.get(0).startsWith("SimTestExtensionTest$PassingTestCase#yields: passed after 100 of 100 runs"
                    + " (seed "), summary.get(0));
        }

        @Test
        void thePlantedBugFailsWithTheReportAsMessageAndTheOriginalAsCause() {
            LockstepFailure f = assertInstanceOf(LockstepFailure.class,
                    failure(run(StaleCacheTestCase.class, Map.of())));
            String message = f.getMessage();
            assertTrue(message.startsWith("Property SimTestExtensionTest$StaleCacheTestCase#staleCache failed."), message);
            String replay = f.report().shrunkReplay();
            assertArrayEquals(new int[] {0, 1, 2, 3}, f.report().shrunkChoices());
            assertTrue(message.contains("@SimTest(replay = \"" + replay + "\")"), message);
            assertTrue(message.contains("mvn test -Dtest='SimTestExtensionTest$StaleCacheTestCase#staleCache'"
                    + " -Dlockstep.replay=" + replay), message);
            assertTrue(message.contains("at dev.lockstep.property.PlantedBugs.staleCache(PlantedBugs.java:"), message);
            assertEquals(f.report().original(), f.getCause());
            assertTrue(f.getCause().getMessage().startsWith("stale cache"));
        }

        @Test
        void drawnDataShrinksWithTheSchedule() {
            assertArrayEquals(new int[] {0, 50, 1}, report(run(DataTestCase.class, Map.of())).shrunkChoices());
        }

        @Test
        void theRunIndexParameterIsEachRunsIndex() {
            FailureReport f = report(run(RunIndexTestCase.class, Map.of()));
            assertEquals(13, f.run());
            assertTrue(f.original().getMessage().startsWith("run 13 ==>"), f.original().getMessage());
        }

        @Test
        void theStepAndVirtualTimeLimitsApplyToEachRun() {
            List<Throwable> failures = failures(run(LimitsTestCase.class, Map.of()));
            assertEquals(2, failures.size());
            for (Throwable t : failures) {
                assertInstanceOf(StepLimitException.class, t.getCause());
            }
            assertTrue(failures.stream().anyMatch(t -> t.getCause().getMessage().contains("past maxVirtualTime 10.000s")));
            assertTrue(failures.stream().anyMatch(t -> t.getCause().getMessage().contains("step limit reached: 10 polls")));
        }

        @Test
        void timeLimitIsTheVirtualTimeLimitOfEachRun() {
            EngineExecutionResults results = run(TimeLimitTestCase.class, Map.of());
            assertEquals(1, results.testEvents().succeeded().count(), "a run within the limit passes");
            List<Throwable> failures = failures(results);
            assertEquals(1, failures.size());
            assertInstanceOf(StepLimitException.class, failures.get(0).getCause());
            assertTrue(failures.get(0).getCause().getMessage().contains("past maxVirtualTime 10.000s"),
                    failures.get(0).getCause().getMessage());
        }
    }

    @Nested
    class Replaying {
        @Test
        void theReplayAttributeRunsOnlyThatRun() {
            FailureReport f = report(run(ReplayAttributeTestCase.class, Map.of()));
            assertEquals(FailureReport.Origin.REPLAY, f.origin());
            assertArrayEquals(new int[] {2, 0, 3, 3}, f.shrunkChoices());
        }

        @Test
        void theSystemPropertyFromTheReportReplaysTheShrunkRun() {
            FailureReport found = report(run(StaleCacheTestCase.class, Map.of("lockstep.store", "off")));
            FailureReport replayed = report(run(StaleCacheTestCase.class,
                    Map.of("lockstep.replay", found.shrunkReplay(), "lockstep.store", "off")));
            assertEquals(FailureReport.Origin.REPLAY, replayed.origin());
            assertEquals(found.signature(), replayed.signature());
            assertEquals(found.trace(), replayed.trace());
        }

        @Test
        void theShrunkReplayReproducesInAFreshJvmThroughTheEnvironmentVariable() throws Exception {
            FailureReport found = report(run(StaleCacheTestCase.class, Map.of("lockstep.store", "off")));
            String java = ProcessHandle.current().info().command().orElseThrow();
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<String> command = new ArrayList<>(List.of(java, "-cp", classpath, FreshJvmReplay.class.getName(),
                    StaleCacheTestCase.class.getName(), "staleCache"));
            for (int attempt = 0; attempt < 2; attempt++) {
                ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
                pb.environment().put("LOCKSTEP_REPLAY", found.shrunkReplay());
                Process p = pb.start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(p.waitFor(60, TimeUnit.SECONDS));
                assertEquals(3, p.exitValue(), out);
                assertTrue(out.contains("Found at:    the replay string given (" + found.shrunkReplay() + ")"), out);
                assertTrue(out.contains("Failure:     org.opentest4j.AssertionFailedError: stale cache: it holds v1 but"
                        + " the store has v2"), out);
                assertTrue(out.contains("at " + found.signature().location()), out);
                assertTrue(out.contains(traceLines(found.format())), "the same trace, event by event:\n" + out);
            }
        }
    }

    @Nested
    class Overrides {
        @Test
        void runsSeedAndShardComeFromConfigurationParameters() {
            List<String> summaries = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                summaries.addAll(entries(run(PassingTestCase.class,
                        Map.of("lockstep.runs", "10", "lockstep.seed", "7", "lockstep.shard", i + "/4")), "lockstep"));
            }
            assertEquals(List.of(
                    "passed after 3 of 3 runs (seed 7, shard 0/4)",
                    "passed after 3 of 3 runs (seed 7, shard 1/4)",
                    "passed after 2 of 2 runs (seed 7, shard 2/4)",
                    "passed after 2 of 2 runs (seed 7, shard 3/4)"),
                    summaries.stream().map(s -> s.substring(s.indexOf(": ") + 2, s.lastIndexOf(','))).toList());
        }

        @Test
        void parallelRunsGiveTheSameReportAsSequentialOnes() {
            FailureReport sequential = report(run(StaleCacheTestCase.class, Map.of("lockstep.store", "off")));
            FailureReport parallel = report(run(StaleCacheTestCase.class,
                    Map.of("lockstep.store", "off", "lockstep.parallelism", "all")));
            assertEquals(sequential.run(), parallel.run());
            assertEquals(sequential.shrunkReplay(), parallel.shrunkReplay());
            String time = "\\(\\d+\\.\\d+ s,";
            assertEquals(sequential.format().replaceAll(time, ""), parallel.format().replaceAll(time, ""));
        }

        @Test
        void theDeterminismCheckCatchesStateSharedBetweenRuns() {
            run(LeakyTestCase.class, Map.of()).testEvents().assertStatistics(s -> s.succeeded(1));
            Throwable t = failure(run(LeakyTestCase.class, Map.of("lockstep.checkDeterminism", "true")));
            assertTrue(t.getMessage().startsWith("Property SimTestExtensionTest$LeakyTestCase#spawnsANewNameEachRun is"
                    + " not deterministic: run 0"), t.getMessage());
            assertTrue(t.getMessage().contains("first difference at event 0"), t.getMessage());
        }

        @Test
        void anInvalidOverrideIsAConfigurationErrorNamingIt() {
            Throwable t = failure(run(PassingTestCase.class, Map.of("lockstep.shard", "4/4")));
            assertInstanceOf(ExtensionConfigurationException.class, t);
            assertTrue(t.getMessage().startsWith("@SimTest on " + PassingTestCase.class.getName()
                    + "#yields: -Dlockstep.shard=4/4 is not valid"), t.getMessage());
        }
    }

    @Nested
    class Faults {
        @Test
        void theFaultsAttributeInjectsFaultsIntoEveryRun() {
            EngineExecutionResults results = run(FaultsTestCase.class, Map.of());
            assertEquals(1, results.testEvents().succeeded().count(), "withoutFaults passes");
            FailureReport report = report(results);
            assertTrue(report.format().contains("withSpuriousPolls"), report.format());
            assertTrue(report.format().contains("spurious-poll"), "the trace shows the fault: " + report.format());
        }
    }

    @Nested
    class Misuse {
        @Test
        void aBadAttributeIsAConfigurationErrorNamingTheAnnotation() {
            Throwable t = failure(run(BadAttributeTestCase.class, Map.of()));
            assertInstanceOf(ExtensionConfigurationException.class, t);
            assertEquals("@SimTest on " + BadAttributeTestCase.class.getName() + "#badDuration: maxVirtualTime: unknown"
                    + " unit 'parsecs' in '10 parsecs'; use ns, us, ms, s, m, h or d", t.getMessage());
        }

        @Test
        void maxVirtualTimeAndTimeLimitThatDisagreeAreAConfigurationError() {
            Throwable t = failure(run(DisagreeingLimitsTestCase.class, Map.of()));
            assertInstanceOf(ExtensionConfigurationException.class, t);
            assertEquals("@SimTest on " + DisagreeingLimitsTestCase.class.getName() + "#twoLimits: maxVirtualTime = \"10s\""
                    + " and timeLimit = \"20s\" are two names of one limit and disagree; set one of them", t.getMessage());
        }

        @Test
        void aBadFaultPlanIsAConfigurationErrorNamingTheAttribute() {
            Throwable t = failure(run(BadFaultsTestCase.class, Map.of()));
            assertInstanceOf(ExtensionConfigurationException.class, t);
            assertTrue(t.getMessage().contains("#misspelled: faults: "), t.getMessage());
        }

        @Test
        void aMethodWithoutASimulationIsAConfigurationError() {
            Throwable t = failure(run(NoSimulationTestCase.class, Map.of()));
            assertTrue(t.getMessage().endsWith("#takesNoSimulation: the method must take a Simulation parameter (and"
                    + " optionally an int, the run index)"), t.getMessage());
        }

        @Test
        void fixturesDoNotRunOutsideTheseTests() {
            EngineTestKit.engine("junit-jupiter").selectors(selectClass(StaleCacheTestCase.class)).execute()
                    .containerEvents().assertStatistics(s -> s.skipped(1));
        }
    }

    @Nested
    class ExhaustiveSearch {
        @Test
        void dfsWithTwoPreemptionsFindsTheBugAndSaysHowToReplayIt() {
            EngineExecutionResults r = run(InterleavingTestCase.class, Map.of());
            r.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
            Throwable f = failure(r);
            assertTrue(f.getMessage().contains("failed on schedule ") && f.getMessage().contains("(2 preemptions")
                    && f.getMessage().contains("scheduler = \"dfs(2)\""), f.getMessage());
            List<String> summaries = entries(r, "lockstep");
            assertTrue(summaries.stream().anyMatch(e -> e.matches("checked all \\d+ schedules with <= 1 preemption")),
                    summaries.toString());
        }
    }

    @Nested
    class Store {
        @Test
        void aFailureIsStoredPerTestAndReRunFirst() throws IOException {
            FailureReport first = report(run(StaleCacheTestCase.class, Map.of()));
            Path file = FailureStore.defaultFile(store, StaleCacheTestCase.class.getName(),
                    "staleCache(dev.lockstep.runtime.Simulation)");
            assertTrue(Files.readAllLines(file).contains(first.shrunkReplay()), file.toString());
            FailureReport second = report(run(StaleCacheTestCase.class, Map.of()));
            assertEquals(FailureReport.Origin.STORED, second.origin());
            assertEquals(first.shrunkReplay(), second.shrunkReplay());
        }

        @Test
        void aCorruptStoreIsReportedAsAWarningAndIgnored() throws IOException {
            Path file = FailureStore.defaultFile(store, PassingTestCase.class.getName(),
                    "yields(dev.lockstep.runtime.Simulation)");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "not a replay string\n");
            EngineExecutionResults r = run(PassingTestCase.class, Map.of());
            r.testEvents().assertStatistics(s -> s.succeeded(1));
            List<String> warnings = entries(r, "lockstep.warning");
            assertEquals(1, warnings.size());
            assertTrue(warnings.get(0).contains("ignoring line 1 of failure store " + file), warnings.get(0));
        }
    }
}
