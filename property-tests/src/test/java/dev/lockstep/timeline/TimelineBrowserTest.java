package dev.lockstep.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the timeline of {@link TimelineSampleRun} in headless Chromium (Debian's {@code chromium},
 * found on the {@code PATH}) and checks the DOM its script built and the browser's console.
 *
 * <p>Without Chromium the test is skipped, except when the environment variable {@code CI} is
 * set: CI installs Chromium ({@code .ci/run}), so there its absence is a failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimelineBrowserTest {
    private static final long TIMEOUT_SECONDS = 60;

    private String dom;
    private List<String> consoleLines;

    @BeforeAll
    void renderAndLoad(@TempDir Path dir) throws IOException, InterruptedException {
        Optional<Path> chromium = onPath("chromium");
        if (chromium.isEmpty()) {
            if (System.getenv("CI") != null) {
                fail("chromium is not on the PATH, but CI is set: .ci/run should have installed it"
                        + " (apt-get install -y chromium)");
            }
            Assumptions.assumeTrue(false, "chromium is not installed (apt-get install -y chromium);"
                    + " skipping the browser test outside CI");
        }
        TimelineSampleRun.Result run = TimelineSampleRun.run();
        Path page = Timeline.of(run.trace()).title("sample run <seed 11>").failure(run.failure())
                .replay(run.replay()).write(dir.resolve("timeline.html"));
        Path out = dir.resolve("dom.html");
        Path err = dir.resolve("chromium.log");
        Process p = new ProcessBuilder(chromium.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectory(dir.resolve("profile")),
                "--enable-logging=stderr", "--v=1", "--virtual-time-budget=5000", "--dump-dom",
                page.toUri().toString())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("chromium did not finish within " + TIMEOUT_SECONDS + " s; its log: " + err);
        }
        dom = Files.readString(out, StandardCharsets.UTF_8);
        consoleLines = Files.readAllLines(err, StandardCharsets.ISO_8859_1).stream()
                .filter(l -> l.contains("CONSOLE") || l.contains("Uncaught"))
                .toList();
        assertEquals(0, p.exitValue(), "chromium exit code; its log: " + err);
    }

    @Nested
    class ThePage {
        @Test
        void loadsWithoutConsoleMessagesOrUncaughtErrors() {
            assertEquals(List.of(), consoleLines);
        }

        @Test
        void recordsNoErrorsInItsHiddenErrorElement() {
            Matcher m = Pattern.compile("<pre id=\"lockstep-errors\"([^>]*)>(.*?)</pre>", Pattern.DOTALL).matcher(dom);
            assertTrue(m.find(), "the error element is in the DOM");
            assertEquals("", m.group(2), "errors recorded by the page");
            assertFalse(m.group(1).contains("data-count"), "error count attribute: " + m.group(1));
        }

        @Test
        void finishesDrawingAndSaysSo() {
            assertTrue(dom.contains("data-timeline=\"ready\""), "body marked ready by the script");
        }

        @Test
        void runsNoInjectedMarkup() {
            assertFalse(dom.contains("<img"), "an <img> element was created from a task name");
            assertFalse(dom.contains("<script>alert"), "a script element was created from a note");
            assertTrue(dom.contains("&lt;img src=x onerror=alert(1)&gt; #"), "the hostile task name shown as text");
        }
    }

    @Nested
    class TheLanes {
        @Test
        void existForEveryTaskWithTheirHostGroups() {
            assertTrue(dom.contains("data-lane=\"task:0\" data-kind=\"task\" data-host=\"db-1\""), "leader on db-1");
            assertTrue(dom.contains("data-lane=\"task:1\" data-kind=\"task\" data-host=\"db-2\""), "follower on db-2");
            assertTrue(dom.contains("data-lane=\"task:2\" data-kind=\"task\" data-host=\"\""), "hostile task on no host");
            assertTrue(dom.contains("data-lane=\"task:3\" data-kind=\"task\" data-host=\"\""), "main on no host");
            assertTrue(dom.contains("data-group=\"db-1\"") && dom.contains("data-group=\"db-2\""), "host group rows");
        }

        @Test
        void includeANetworkLanePerHostAndTheGutter() {
            assertTrue(dom.contains("data-lane=\"net:db-1\""), "network lane of db-1");
            assertTrue(dom.contains("data-lane=\"net:db-2\""), "network lane of db-2");
            assertTrue(dom.contains("data-lane=\"gutter\""), "gutter lane");
        }
    }

    @Nested
    class TheMarks {
        @Test
        void colourPollsByResultIncludingThePollThatThrew() {
            assertTrue(dom.contains("class=\"mark k-poll-ready\""), "a Ready poll");
            assertTrue(dom.contains("class=\"mark k-poll-pending\""), "a Pending poll");
            assertTrue(dom.contains("class=\"mark k-poll-failed\""), "the hostile task's poll that threw");
        }

        @Test
        void highlightTheInjectedFaultAndThePartitionAcrossTheLanes() {
            assertTrue(dom.contains("class=\"mark k-fault\""), "the injected fault");
            assertTrue(dom.contains("class=\"mark k-net-fault\""), "the partition");
            assertEquals(2, count(dom, "class=\"band\""), "highlight bands");
        }

        @Test
        void carryTheirEventAsATooltip() {
            assertTrue(dom.contains("<title>step 0 \u00b7 t=0.000s \u00b7 spawn 'leader'#0 on db-1</title>"), "spawn tooltip");
            assertTrue(dom.contains("note 'follower'#1 &lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;</title>"),
                    "the note as text");
        }
    }

    @Nested
    class TheArrows {
        @Test
        void showTheTaskWakeAndTheTimerWakes() {
            assertTrue(dom.contains("data-arrow=\"wake\" data-from=\"task:0\" data-to=\"task:1\""),
                    "leader wakes follower");
            assertTrue(dom.contains("data-arrow=\"wake\" data-from=\"gutter\" data-to=\"task:0\""),
                    "the leader's timer wakes it");
        }

        @Test
        void showMessagesBothWaysWithSizesAndTheDrop() {
            assertTrue(dom.contains("data-arrow=\"message\" data-from=\"net:db-1\" data-to=\"net:db-2\""), "request");
            assertTrue(dom.contains("data-arrow=\"message\" data-from=\"net:db-2\" data-to=\"net:db-1\""), "reply");
            assertTrue(dom.contains(">512 B</text>"), "request size label");
            assertTrue(dom.contains("data-arrow=\"drop\""), "dropped send");
        }

        @Test
        void endAtTheFailureLine() {
            assertTrue(dom.contains("data-failure=\"true\""), "failure line drawn");
            assertTrue(dom.contains("acknowledged write lost: &lt;b&gt;x=1&lt;/b&gt;"), "failure message as text");
        }
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    /** The first executable {@code name} in a {@code PATH} directory. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String d : path.split(Pattern.quote(File.pathSeparator))) {
            if (d.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(d, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
