package dev.lockstep.examples.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --all} and {@code --max-failures}: failures grouped by signature, each group reported once. */
class HuntGroupingTest {
    private static final Pattern SUMMARY = Pattern.compile(
            "FAILED: (\\S+) \\(buggy\\): (\\d+) failing runs? in (\\d+) runs(.*?), (\\d+) distinct failures? by signature");
    private static final Pattern GROUP_LINE = Pattern.compile(
            "^  \\[(\\d+)\\] +(\\d+) runs? +first run (\\d+) \\(seed (\\d+)\\) +(.+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    /** The groups of a report: number, count, first run, title. */
    private record GroupLine(int number, int count, long firstRun, String title) {}

    private static List<GroupLine> groups(String out) {
        List<GroupLine> lines = new ArrayList<>();
        Matcher m = GROUP_LINE.matcher(out);
        while (m.find()) {
            lines.add(new GroupLine(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Long.parseLong(m.group(3)), m.group(5)));
        }
        return lines;
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void allPrintsOneLinePerGroupAndOneShrunkReportPerGroup() throws InterruptedException {
        HuntRun r = HuntRun.in(dir, "lost-wakeup", "--all", "--runs", "300", "--shrink-time", "2");
        assertEquals(1, r.code(), r.toString());
        Matcher summary = SUMMARY.matcher(r.out());
        assertTrue(summary.find(), r.out());
        int failing = Integer.parseInt(summary.group(2));
        assertEquals(300, Integer.parseInt(summary.group(3)), "every run was tried");
        List<GroupLine> groups = groups(r.out());
        assertEquals(Integer.parseInt(summary.group(5)), groups.size(), r.out());
        assertEquals(failing, groups.stream().mapToInt(GroupLine::count).sum(), "the groups add up to the failures");
        assertTrue(failing > groups.size(), "many failures, fewer groups: " + r.out());
        assertEquals(groups.size(), count(r.out(), "\nshrunk:"), "one shrunk report per group");
        assertEquals(groups.size(), count(r.out(), "\nreplay it:"), "one replay command per group");
        for (int i = 1; i < groups.size(); i++) {
            assertTrue(groups.get(i - 1).firstRun() < groups.get(i).firstRun(), "groups in order of their first run");
        }
        assertTrue(groups.get(0).title().startsWith("DeadlockException: deadlock: # tasks are blocked"), r.out());
    }

    @Test
    void maxFailuresStopsAfterThatManyFailingRuns() throws InterruptedException {
        HuntRun r = HuntRun.in(dir, "lost-wakeup", "--max-failures", "3", "--runs", "1000", "--shrink-time", "1");
        assertEquals(1, r.code(), r.toString());
        Matcher summary = SUMMARY.matcher(r.out());
        assertTrue(summary.find(), r.out());
        assertEquals(3, Integer.parseInt(summary.group(2)), r.out());
        assertTrue(Integer.parseInt(summary.group(3)) < 1000, "stopped early: " + r.out());
        assertTrue(summary.group(4).contains("stopped at --max-failures 3"), r.out());
        assertEquals(3, groups(r.out()).stream().mapToInt(GroupLine::count).sum(), r.out());
    }

    @Test
    void theFailuresCollectedDoNotDependOnTheNumberOfThreads() throws InterruptedException {
        HuntRun one = HuntRun.in(dir, "stale-waker", "--faults", "swarm", "--max-failures", "4", "--runs", "500",
                "--jobs", "1", "--shrink-time", "1");
        HuntRun four = HuntRun.in(dir, "stale-waker", "--faults", "swarm", "--max-failures", "4", "--runs", "500",
                "--jobs", "4", "--shrink-time", "1");
        assertEquals(groups(one.out()), groups(four.out()));
    }

    @Test
    void maxFailuresOfOneIsTheUsualSingleReport() throws InterruptedException {
        HuntRun r = HuntRun.in(dir, "lost-wakeup", "--max-failures", "1", "--runs", "200");
        assertEquals(1, r.code());
        assertEquals(1, count(r.out(), "\nshrunk:"), r.out());
    }

    @Test
    void aFixedTwinUnderAllStillExitsZero() throws InterruptedException {
        HuntRun r = HuntRun.in(dir, "lost-wakeup", "--fixed", "--all", "--runs", "200");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("no failure in 200 runs"), r.out());
    }
}
