package dev.lockstep.examples.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HuntTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int hunt(String... args) throws InterruptedException {
        Hunt h = new Hunt(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "./hunt %s");
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
        Matcher m = Pattern.compile("replay it: +\\./hunt (lost-wakeup --replay (lockstep:1:\\S*))").matcher(out());
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
    void listNamesEveryScenario() throws InterruptedException {
        assertEquals(0, hunt("--list"));
        assertTrue(out().startsWith("lost-wakeup"), out());
    }

    @Nested
    class BadUsage {
        @Test
        void anUnknownScenarioExitsWithTwoAndNamesTheKnownOnes() throws InterruptedException {
            assertEquals(2, hunt("no-such"));
            assertTrue(err().contains("unknown scenario 'no-such'") && err().contains("lost-wakeup"), err());
            assertTrue(err().contains("usage: hunt"), err());
        }

        @Test
        void aBadNumberExitsWithTwo() throws InterruptedException {
            assertEquals(2, hunt("lost-wakeup", "--runs", "many"));
            assertTrue(err().contains("--runs takes a whole number, got 'many'"), err());
        }

        @Test
        void aMalformedReplayStringExitsWithTwoSayingWhatIsWrong() throws InterruptedException {
            assertEquals(2, hunt("lost-wakeup", "--replay", "lockstep:9:AAAA"));
            assertTrue(err().contains("unsupported version '9'"), err());
        }

        @Test
        void aMissingValueExitsWithTwo() throws InterruptedException {
            assertEquals(2, hunt("lost-wakeup", "--seed"));
            assertTrue(err().contains("--seed needs a value"), err());
        }
    }
}
