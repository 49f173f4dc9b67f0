package dev.lockstep.examples.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.examples.Scenario;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.runtime.Simulation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The hunt over built-in scenarios: finding, replaying, determinism, fault modes. */
class HuntTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int hunt(String... args) throws InterruptedException {
        Hunt h = new Hunt(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "./hunt", Path.of("").toAbsolutePath());
        return h.run(List.of(args));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void huntingTheLostWakeupFindsItAndPrintsAReplayCommandThatReproducesIt() throws InterruptedException {
        assertEquals(1, hunt("lost-wakeup", "--runs", "200"));
        Matcher m = Pattern.compile("replay it: +\\./hunt (lost-wakeup --replay (lockstep:2:\\S*))").matcher(out());
        assertTrue(m.find(), out());
        assertTrue(out().contains("shrunk:"), out());
        String firstReport = failureAndTrace(out());
        out.reset();
        assertEquals(1, hunt(m.group(1).split(" ")));
        assertEquals(firstReport, failureAndTrace(out()), "the replayed run fails identically");
    }

    /** From the failure's first line to the replay line: identical for the shrunk run and its replay. */
    private static String failureAndTrace(String report) {
        int from = report.indexOf("\n  dev.lockstep");
        int to = report.indexOf("replay it:");
        assertTrue(from > 0 && to > from, report);
        return report.substring(from, to);
    }

    @Test
    void theResultDoesNotDependOnTheNumberOfThreads() throws InterruptedException {
        hunt("lost-wakeup", "--jobs", "1", "--seed", "40");
        String one = out().substring(out().indexOf("FAILED"));
        out.reset();
        hunt("lost-wakeup", "--jobs", "4", "--seed", "40");
        String four = out().substring(out().indexOf("FAILED"));
        assertEquals(withoutWallTime(one), withoutWallTime(four));
    }

    /** A report without what depends on the machine: runs done before the stop, real time spent shrinking. */
    private static String withoutWallTime(String report) {
        return report.replaceAll("found after \\d+ runs", "").replaceAll("runs \\(\\d+\\.\\ds", "runs (");
    }

    @Test
    void theFixedTwinPassesWithExitCodeZero() throws InterruptedException {
        assertEquals(0, hunt("lost-wakeup", "--fixed", "--runs", "500"));
        assertTrue(out().contains("no failure in 500 runs"), out());
    }

    @Test
    void listNamesEveryScenarioInOrderWithItsSummary() throws InterruptedException {
        assertEquals(0, hunt("--list"));
        List<String> lines = out().lines().toList();
        assertEquals(Scenarios.all().size(), lines.size(), out());
        for (int i = 0; i < lines.size(); i++) {
            Scenario s = Scenarios.all().get(i);
            assertTrue(lines.get(i).startsWith(s.name() + " ") && lines.get(i).endsWith(s.summary()), lines.get(i));
        }
        assertTrue(out().startsWith("lost-wakeup"), out());
    }

    @Nested
    class Swarm {
        /** The plan line of a report: what the shown run drew. */
        private String printedPlan() {
            Matcher m = Pattern.compile("faults: +(faults\\[[^\\]]*\\]) \\(drawn by this run under --faults swarm\\)")
                    .matcher(out());
            assertTrue(m.find(), out());
            return m.group(1);
        }

        @Test
        void findsTheLostWakeupAndPrintsThePlanItsReplayStringDraws() throws InterruptedException {
            assertEquals(1, hunt("lost-wakeup", "--faults", "swarm", "--runs", "200"));
            assertTrue(out().contains("each run drawing its own fault plan (swarm)"), out());
            Matcher replay = Pattern.compile("replay: +(lockstep:2:\\S*)").matcher(out());
            assertTrue(replay.find(), out());
            FaultPlan drawn = Simulation.builder().choices(ChoiceSource.replay(replay.group(1)))
                    .faults(FaultPlan.swarm()).build().faultPlan();
            assertEquals(drawn.toString(), printedPlan());
        }

        @Test
        void theReplayCommandKeepsSwarmAndReproducesTheFailure() throws InterruptedException {
            assertEquals(1, hunt("lost-wakeup", "--faults", "swarm", "--runs", "200", "--seed", "7"));
            Matcher m = Pattern.compile("replay it: +\\./hunt (lost-wakeup --faults swarm --replay lockstep:2:\\S*)")
                    .matcher(out());
            assertTrue(m.find(), out());
            String firstReport = failureAndTrace(out());
            out.reset();
            assertEquals(1, hunt(m.group(1).split(" ")));
            assertEquals(firstReport, failureAndTrace(out()), "the replayed run fails identically");
        }

        @Test
        void aStaleWakerIsShrunkToAPlanThatStillHandsOutFreshWakers() throws InterruptedException {
            assertEquals(1, hunt("stale-waker", "--faults", "swarm", "--runs", "200"));
            assertTrue(out().contains("STALE WAKER"), out());
            assertTrue(printedPlan().contains("fresh-waker="), out());
        }

        @Test
        void theFixedTwinSurvivesWithExitCodeZero() throws InterruptedException {
            assertEquals(0, hunt("lost-wakeup", "--fixed", "--faults", "swarm", "--runs", "500"));
            assertTrue(out().contains("no failure in 500 runs"), out());
        }
    }

    @Nested
    class WithoutSwarm {
        @Test
        void aScenarioThatSetsItsOwnFaultsHasThemNamedInTheReport() throws InterruptedException {
            assertEquals(1, hunt("pin", "--runs", "20"));
            assertTrue(out().contains("faults:       faults[relocate=0.5] (the scenario's)"), out());
            assertTrue(out().contains("PIN_VIOLATION"), out());
        }

        @Test
        void aScenarioWithoutFaultsPrintsNoFaultLine() throws InterruptedException {
            assertEquals(1, hunt("retry-client", "--runs", "100"));
            assertFalse(out().contains("faults:"), out());
            assertTrue(out().contains("was charged 2 times"), out());
        }

        @Test
        void aReplayStringRecordedWithAnotherFaultPlanIsBadUsageNamingBothPlans() throws InterruptedException {
            // Recorded with spurious polls; the stale-waker scenario sets fresh wakers explicitly.
            String other = new dev.lockstep.choice.Replay(
                    new dev.lockstep.choice.ReplaySetup("spurious-poll=0.2", null, -1, -1, -1), new int[] {1, 2})
                    .format();
            assertEquals(2, hunt("stale-waker", "--replay", other), out());
            assertTrue(err().startsWith("hunt: cannot set up a run of stale-waker (buggy): replay string " + other
                    + " was recorded with fault plan"
                    + " faults[spurious-poll=0.2], but this simulation is configured with faults[fresh-waker=0.5]"),
                    err());
            assertFalse(out().contains("FAILED"), out());
        }
    }
}
