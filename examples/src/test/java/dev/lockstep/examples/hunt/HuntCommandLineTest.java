package dev.lockstep.examples.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line of {@code hunt}: usage, every flag, bad usage and exit codes, paths. */
class HuntCommandLineTest {
    @TempDir
    Path dir;

    @Nested
    class Usage {
        @Test
        void noArgumentsPrintsTheUsageOnStandardErrorAndExitsTwo() throws InterruptedException {
            HuntRun r = HuntRun.in(dir);
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.err().contains("no scenario given") && r.err().contains("usage: hunt"), r.toString());
            assertEquals("", r.out());
        }

        @Test
        void helpPrintsTheUsageOnStandardOutputAndExitsZero() throws InterruptedException {
            for (String flag : new String[] {"--help", "-h"}) {
                HuntRun r = HuntRun.in(dir, flag);
                assertEquals(0, r.code(), r.toString());
                assertEquals(HuntOptions.USAGE + System.lineSeparator(), r.out());
                assertEquals("", r.err());
            }
        }

        @Test
        void theUsageNamesEveryFlagTheParserTakes() {
            for (String flag : new String[] {"--scenario", "--classpath", "--runs", "--seed", "--fixed", "--faults",
                    "--jobs", "--all", "--max-failures", "--replay", "--html", "--trace-json", "--shrink-time", "--list",
                    "--help"}) {
                assertTrue(HuntOptions.USAGE.contains(flag + " "), flag);
            }
        }

        @Test
        void helpWinsOverAScenarioAndRunsNothing() throws InterruptedException {
            HuntRun r = HuntRun.in(dir, "lost-wakeup", "--help");
            assertEquals(0, r.code());
            assertFalse(r.out().contains("hunting"), r.toString());
        }
    }

    @Nested
    class BadUsage {
        private HuntRun bad(String... args) throws InterruptedException {
            HuntRun r = HuntRun.in(dir, args);
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.err().startsWith("hunt: ") && r.err().contains("usage: hunt"), r.toString());
            assertFalse(r.out().contains("hunting"), r.toString());
            return r;
        }

        @Test
        void anUnknownScenarioNamesTheKnownOnes() throws InterruptedException {
            HuntRun r = bad("no-such");
            assertTrue(r.err().contains("unknown scenario 'no-such'") && r.err().contains("lost-wakeup, stale-waker"),
                    r.err());
        }

        @Test
        void anUnknownOptionIsNamed() throws InterruptedException {
            assertTrue(bad("lost-wakeup", "--fast").err().contains("unknown option '--fast'"));
        }

        @Test
        void twoScenariosAreRefused() throws InterruptedException {
            assertTrue(bad("lost-wakeup", "pin").err().contains("one scenario at a time: got 'lost-wakeup' and 'pin'"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"--runs", "--seed", "--jobs", "--max-failures", "--shrink-time"})
        void aNumberOptionRejectsText(String option) throws InterruptedException {
            assertTrue(bad("lost-wakeup", option, "many").err().contains(option + " takes a whole number, got 'many'"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"--runs", "--jobs", "--max-failures", "--shrink-time"})
        void aCountOptionRejectsZero(String option) throws InterruptedException {
            assertTrue(bad("lost-wakeup", option, "0").err().contains(option + " must be at least 1, got 0"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"--runs", "--seed", "--jobs", "--max-failures", "--shrink-time", "--faults",
                "--replay", "--html", "--trace-json", "--scenario", "--classpath"})
        void anOptionWithoutItsValueSaysSo(String option) throws InterruptedException {
            assertTrue(bad("lost-wakeup", option).err().contains(option + " needs a value"));
        }

        @Test
        void anUnknownFaultModeIsNamed() throws InterruptedException {
            assertTrue(bad("lost-wakeup", "--faults", "all").err().contains("--faults takes 'none' or 'swarm', got 'all'"));
        }

        @Test
        void aMalformedReplayStringSaysWhatIsWrong() throws InterruptedException {
            assertTrue(bad("lost-wakeup", "--replay", "lockstep:9:AAAA").err().contains("unsupported version '9'"));
        }

        @Test
        void aReplayIsOneScheduleNotAHuntForMoreFailures() throws InterruptedException {
            assertTrue(bad("lost-wakeup", "--replay", "lockstep:1:AAE", "--all").err()
                    .contains("--replay runs one schedule"));
        }

        @Test
        void aBuiltInScenarioAndAScenarioClassAreRefusedTogether() throws InterruptedException {
            assertTrue(bad("lost-wakeup", "--scenario", MailboxScenario.class.getName()).err()
                    .contains("not both"));
        }

        @Test
        void aClasspathWithoutAScenarioClassIsRefused() throws InterruptedException {
            assertTrue(bad("lost-wakeup", "--classpath", "x").err().contains("--classpath is for --scenario CLASS"));
        }

        @Test
        void aUserScenarioHasNoFixedTwin() throws InterruptedException {
            assertTrue(bad("--scenario", MailboxScenario.class.getName(), "--fixed").err().contains("has none"));
        }

        @Test
        void anEmptyFileNameIsRefused() throws InterruptedException {
            assertTrue(bad("lost-wakeup", "--html", "").err().contains("--html needs a file name"));
        }
    }

    @Nested
    class Flags {
        @Test
        void listPrintsEveryScenarioAndExitsZero() throws InterruptedException {
            HuntRun r = HuntRun.in(dir, "--list");
            assertEquals(0, r.code());
            assertEquals(Scenarios.all().size(), r.out().lines().count(), r.out());
        }

        @Test
        void runsSeedAndJobsAreEchoedInTheHeader() throws InterruptedException {
            HuntRun r = HuntRun.in(dir, "lost-wakeup", "--fixed", "--runs", "30", "--seed", "5", "--jobs", "3");
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().startsWith("hunting lost-wakeup (fixed): 30 runs from seed 5 on 3 thread(s)"), r.out());
            assertTrue(r.out().contains("no failure in 30 runs of lost-wakeup (fixed)"), r.out());
        }

        @Test
        void theSeedChoosesTheRunsSoTheFirstFailureMovesWithIt() throws InterruptedException {
            HuntRun at0 = HuntRun.in(dir, "lost-wakeup", "--runs", "200", "--jobs", "1");
            HuntRun at1000 = HuntRun.in(dir, "lost-wakeup", "--runs", "200", "--jobs", "1", "--seed", "1000");
            assertEquals(1, at0.code());
            assertEquals(1, at1000.code());
            assertTrue(seedOf(at1000.out()) >= 1000, at1000.out());
            assertTrue(seedOf(at0.out()) < 1000, at0.out());
        }

        private static long seedOf(String out) {
            Matcher m = Pattern.compile("FAILED: \\S+ \\(buggy\\), run \\d+ \\(seed (\\d+)\\)").matcher(out);
            assertTrue(m.find(), out);
            return Long.parseLong(m.group(1));
        }

        @Test
        void aShortShrinkTimeStillReportsTheShrunkFailure() throws InterruptedException {
            HuntRun r = HuntRun.in(dir, "lost-wakeup", "--runs", "200", "--shrink-time", "1");
            assertEquals(1, r.code());
            assertTrue(r.out().contains("shrunk:"), r.out());
        }

        @Test
        void aReplayThatPassesExitsZero() throws InterruptedException {
            HuntRun r = HuntRun.in(dir, "lost-wakeup", "--fixed", "--replay", "lockstep:1:AAE");
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().contains("replay of lost-wakeup (fixed) passed"), r.out());
        }
    }

    @Nested
    class Paths {
        @Test
        void aRelativeTimelinePathIsRelativeToTheWorkingDirectory() throws InterruptedException, IOException {
            HuntRun r = HuntRun.in(dir, "lost-wakeup", "--runs", "200", "--html", "t.html");
            assertEquals(1, r.code(), r.toString());
            Path page = dir.resolve("t.html");
            assertTrue(Files.isRegularFile(page), r.out());
            assertTrue(r.out().contains("timeline:     " + page), r.out());
            assertTrue(Files.readString(page, StandardCharsets.UTF_8).startsWith("<!DOCTYPE html>"));
        }

        @Test
        void aPathWithSpacesAndMissingDirectoriesIsWrittenAsGiven() throws InterruptedException {
            HuntRun r = HuntRun.in(dir, "lost-wakeup", "--runs", "200", "--html", "my runs/lost wakeup.html");
            assertEquals(1, r.code(), r.toString());
            assertTrue(Files.isRegularFile(dir.resolve("my runs").resolve("lost wakeup.html")), r.out());
        }

        @Test
        void theTraceJsonGoesBesideTheTimelineRelativeToTheWorkingDirectory() throws InterruptedException, IOException {
            HuntRun r = HuntRun.in(dir, "lost-wakeup", "--runs", "200", "--html", "out/t.html", "--trace-json",
                    "out/trace events.json");
            assertEquals(1, r.code(), r.toString());
            Path json = dir.resolve("out/trace events.json");
            assertTrue(r.out().contains("trace json:   " + json), r.out());
            String text = Files.readString(json, StandardCharsets.UTF_8);
            assertTrue(text.startsWith("{\"traceEvents\":[") && text.contains("\"cat\":\"poll\""), text);
            assertTrue(text.contains("\"replay\":\"lockstep:2:"), "the shrunk run's replay string");
        }

        @Test
        void aPassingReplayStillWritesItsFiles() throws InterruptedException {
            HuntRun r = HuntRun.in(dir, "lost-wakeup", "--fixed", "--replay", "lockstep:1:AAE", "--html", "p.html",
                    "--trace-json", "p.json");
            assertEquals(0, r.code(), r.toString());
            assertTrue(Files.isRegularFile(dir.resolve("p.html")) && Files.isRegularFile(dir.resolve("p.json")));
        }

        @Test
        void anAbsolutePathIsKept() throws InterruptedException, IOException {
            Path elsewhere = Files.createTempDirectory(dir, "abs").resolve("a.html");
            HuntRun r = HuntRun.in(dir.resolve("not-used"), "lost-wakeup", "--runs", "200", "--html",
                    elsewhere.toString());
            assertEquals(1, r.code(), r.toString());
            assertTrue(Files.isRegularFile(elsewhere));
        }

        @Test
        void anUnwritableTimelineIsReportedWithoutHidingTheFailure() throws InterruptedException, IOException {
            Files.writeString(dir.resolve("file"), "x");
            HuntRun r = HuntRun.in(dir, "lost-wakeup", "--runs", "200", "--html", "file/t.html");
            assertEquals(1, r.code(), r.toString());
            assertTrue(r.err().contains("hunt: cannot write the timeline to " + dir.resolve("file/t.html")),
                    r.toString());
            assertTrue(r.out().contains("replay it:"), r.out());
        }

        @Test
        void aReplayFileIsReadFromTheCallersDirectory() throws Exception {
            HuntRun found = HuntRun.in(dir, "lost-wakeup", "--runs", "200");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("replay: +(lockstep:2:\\S*)").matcher(found.out());
            assertTrue(m.find(), found.out());
            Files.writeString(dir.resolve("failure.replay"), m.group(1) + "\n", StandardCharsets.UTF_8);
            HuntRun r = HuntRun.in(dir, "lost-wakeup", "--replay", "@failure.replay");
            assertEquals(1, r.code(), r.toString());
            assertTrue(r.out().contains("FAILED: lost-wakeup (buggy), replayed schedule"), r.out());
        }

        @Test
        void aReplayStringWithSurroundingSpacesIsAccepted() throws InterruptedException {
            HuntRun r = HuntRun.in(dir, "lost-wakeup", "--replay", "  lockstep:1:AAE  ");
            assertEquals(1, r.code(), r.toString());
            assertTrue(r.out().contains("replay it:    ./hunt lost-wakeup --replay lockstep:1:AAE\n")
                    || r.out().contains("replay it:    ./hunt lost-wakeup --replay lockstep:1:AAE\r\n"), r.out());
        }
    }
}
