package dev.lockstep.examples.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The timelines {@code hunt --html} writes for the lost-wakeup and kv-store failures, loaded in
 * headless Chromium: the culprit is highlighted, the time axis is proportional to virtual time
 * outside folded gaps, the search box filters lanes, labels appear when zoomed in. Screenshots go
 * to {@code target/timeline-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HuntTimelineBrowserTest {
    private static final Path SHOTS = Path.of("target", "timeline-screenshots");

    private HeadlessChromium chromium;
    private Path lostWakeup;
    private Path kvStore;
    private String lostWakeupDom;
    private String kvStoreDom;
    /** The DOM of the lost-wakeup page after {@link TheControls}' driver ran, made once. */
    private String driven;

    @BeforeAll
    void huntAndLoad(@TempDir Path dir) throws IOException, InterruptedException {
        chromium = HeadlessChromium.find(Files.createDirectories(dir.resolve("chromium")));
        HuntRun lw = HuntRun.in(dir, "lost-wakeup", "--runs", "200", "--html", "lost-wakeup.html");
        assertEquals(1, lw.code(), lw.toString());
        HuntRun kv = HuntRun.in(dir, "kv-store", "--runs", "50", "--html", "kv-store.html");
        assertEquals(1, kv.code(), kv.toString());
        lostWakeup = dir.resolve("lost-wakeup.html");
        kvStore = dir.resolve("kv-store.html");
        lostWakeupDom = chromium.dom(lostWakeup, "");
        kvStoreDom = chromium.dom(kvStore, "");
        chromium.screenshot(lostWakeup, "", SHOTS.resolve("lost-wakeup.png"), 1400, 720);
        chromium.screenshot(kvStore, "", SHOTS.resolve("kv-store.png"), 1600, 1000);
        chromium.screenshot(kvStore, "mode=step", SHOTS.resolve("kv-store-by-step.png"), 1600, 1000);
    }

    private static void drawnWithoutErrors(String dom) {
        assertTrue(dom.contains("data-timeline=\"ready\""), "the script finished drawing");
        Matcher m = Pattern.compile("<pre id=\"lockstep-errors\"([^>]*)>(.*?)</pre>", Pattern.DOTALL).matcher(dom);
        assertTrue(m.find(), "the error element is in the DOM");
        assertEquals("", m.group(2), "errors recorded by the page");
    }

    private static String attribute(String dom, String name) {
        Matcher m = Pattern.compile(" " + name + "=\"([^\"]*)\"").matcher(dom);
        assertTrue(m.find(), name + " in the DOM");
        return m.group(1);
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Nested
    class TheLostWakeup {
        @Test
        void isDrawnOnTheTimeAxisWithoutErrors() {
            drawnWithoutErrors(lostWakeupDom);
            assertEquals("time", attribute(lostWakeupDom, "data-mode"));
        }

        @Test
        void highlightsTheWorkerThatLostItsWakeupAndMarksItsLastPending() {
            assertTrue(lostWakeupDom.contains("data-lane-label=\"task:1\" data-culprit=\"lost wakeup\""),
                    "worker-0's label is marked as the culprit");
            assertTrue(lostWakeupDom.contains("class=\"lane\" data-lane=\"task:1\" data-kind=\"task\" data-host=\"\" "
                    + "data-task=\"1\" data-culprit=\"lost wakeup\""), "its lane is marked");
            assertTrue(lostWakeupDom.contains(">LOST WAKEUP</span><span class=\"name\">worker-0 #1</span>"),
                    "the badge in the label");
            assertTrue(lostWakeupDom.contains("lane-bg culprit") || lostWakeupDom.contains("lane-bg odd culprit"),
                    "the lane's background");
            assertEquals(1, count(lostWakeupDom, "class=\"mark k-poll-pending last-pending\""), "its last Pending");
            assertTrue(lostWakeupDom.contains("class=\"span pending culprit\" data-e=\"")
                    && lostWakeupDom.contains("data-lane=\"task:1\"><title>pending since step 1"),
                    "the wait that never ended is a span");
            assertEquals(1, count(lostWakeupDom, "data-culprit=\"lost wakeup\" data-task") + count(lostWakeupDom,
                    "data-task=\"1\" data-culprit=\"lost wakeup\""), "one culprit lane");
        }

        @Test
        void drawsTheWakeFromTheTimerToThePollItCaused() {
            assertTrue(lostWakeupDom.contains("data-arrow=\"wake\" data-from=\"gutter\" data-to=\"task:0\""));
            assertTrue(lostWakeupDom.contains("data-arrow=\"wake\" data-from=\"task:0\" data-to=\"task:2\""),
                    "the producer wakes worker-1");
        }

        @Test
        void filtersLanesBySearch() throws IOException, InterruptedException {
            String dom = chromium.dom(lostWakeup, "q=worker-0");
            drawnWithoutErrors(dom);
            int all = Integer.parseInt(attribute(dom, "data-lanes"));
            int visible = Integer.parseInt(attribute(dom, "data-visible-lanes"));
            assertTrue(visible >= 1 && visible < all, visible + " of " + all);
            assertTrue(dom.contains("data-lane=\"task:1\""), "worker-0 is shown");
            assertFalse(dom.contains("data-lane=\"task:2\""), "worker-1 is filtered out");
            assertTrue(dom.contains("class=\"search\"") && dom.contains(visible + " of " + all + " lanes"));
        }

        @Test
        void showsTextLabelsOnMarksWhenZoomedIn() throws IOException, InterruptedException {
            assertFalse(lostWakeupDom.contains("class=\"mark-label\""), "no labels at the fitted zoom");
            String dom = chromium.dom(lostWakeup, "zoom=60");
            drawnWithoutErrors(dom);
            assertTrue(dom.contains(">Pending</text>") && dom.contains(">Ready</text>"), "poll results as text");
        }

        @Test
        void ordersByStepWhenAsked() throws IOException, InterruptedException {
            String dom = chromium.dom(lostWakeup, "mode=step");
            drawnWithoutErrors(dom);
            assertEquals("step", attribute(dom, "data-mode"));
            assertFalse(dom.contains("class=\"tick time-tick\""), "no time ticks on the step axis");
        }
    }

    @Nested
    class TheKvStoreFailure {
        @Test
        void isDrawnWithoutErrors() {
            drawnWithoutErrors(kvStoreDom);
        }

        @Test
        void highlightsTheTaskWhoseResultTheFailingAssertionChecked() {
            Matcher m = Pattern.compile("data-lane-label=\"(task:\\d+)\" data-culprit=\"failing assertion\"")
                    .matcher(kvStoreDom);
            assertTrue(m.find(), "a culprit lane");
            assertTrue(kvStoreDom.contains("<span class=\"badge\">FAILING ASSERTION</span><span class=\"name\">main #"
                    + m.group(1).substring("task:".length()) + "</span>"), "the blockOn task");
        }

        @Test
        void hasTimeTicksProportionalToVirtualTimeOutsideFoldedGaps() {
            Matcher m = Pattern.compile("class=\"tick time-tick\" data-t=\"(\\d+)\" data-g=\"(\\d+)\" data-px=\"([\\d.]+)\"")
                    .matcher(kvStoreDom);
            Map<Integer, List<double[]>> byGap = new HashMap<>();
            List<Double> positions = new ArrayList<>();
            while (m.find()) {
                byGap.computeIfAbsent(Integer.parseInt(m.group(2)), g -> new ArrayList<>())
                        .add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(3))});
                positions.add(Double.parseDouble(m.group(3)));
            }
            List<Double> ratios = new ArrayList<>();
            List<double[]> pairs = new ArrayList<>();
            for (List<double[]> ticks : byGap.values()) {
                for (int i = 1; i < ticks.size(); i++) {
                    double dt = ticks.get(i)[0] - ticks.get(i - 1)[0];
                    double dx = ticks.get(i)[1] - ticks.get(i - 1)[1];
                    assertTrue(dt > 0 && dx > 0, "ticks in order");
                    ratios.add(dx / dt);
                    pairs.add(new double[] {dt, dx});
                }
            }
            assertTrue(pairs.size() >= 3, "enough ticks in shared gaps to compare: " + pairs.size());
            double scale = ratios.stream().sorted().toList().get(ratios.size() / 2);
            for (double[] p : pairs) {
                assertEquals(p[0] * scale, p[1], 0.05, "px per ns is the same in every gap");
            }
            // No tick inside a folded gap.
            Matcher folds = Pattern.compile("<g class=\"fold\"[^>]*><rect x=\"([\\d.]+)\" y=\"0\" width=\"([\\d.]+)\"")
                    .matcher(kvStoreDom);
            while (folds.find()) {
                double x = Double.parseDouble(folds.group(1)), w = Double.parseDouble(folds.group(2));
                assertTrue(positions.stream().noneMatch(px -> px > x && px < x + w), "no tick inside a fold");
            }
        }

        @Test
        void flagsTheDecisionsOfTheShrunkRunOnTheAxisAndListsThem() {
            int decisions = Integer.parseInt(attribute(kvStoreDom, "data-decisions"));
            assertTrue(decisions >= 1, "the shrunk kv-store failure needs non-zero choices");
            assertEquals(decisions, count(kvStoreDom, "<g class=\"decision\"")
                    + count(kvStoreDom, "<g class=\"decision traced\""), "a flag per decision");
            Matcher header = Pattern.compile("<dd id=\"decisions\">([^<]*)</dd>").matcher(kvStoreDom);
            assertTrue(header.find(), "the decisions in the header");
            assertEquals(decisions, header.group(1).split(", #").length, header.group(1));
        }

        @Test
        void filtersLanesBySearchForAHost() throws IOException, InterruptedException {
            String dom = chromium.dom(kvStore, "q=kv-1");
            drawnWithoutErrors(dom);
            int visible = Integer.parseInt(attribute(dom, "data-visible-lanes"));
            assertTrue(visible < Integer.parseInt(attribute(dom, "data-lanes")), "some lanes are hidden");
            assertTrue(dom.contains("data-lane=\"net:kv-1\""), "kv-1's network lane is shown");
            assertFalse(dom.contains("data-lane=\"task:4\""), "the client's lane is hidden");
        }
    }

    /**
     * The controls, driven by a second script added to a copy of the page (the page's policy is
     * widened by that script's hash only): it rolls the wheel over the chart, drags it, and types
     * into the search box, and writes what it saw into {@code data-selftest} attributes.
     */
    @Nested
    class TheControls {
        private static final String DRIVER = """
                (function () {
                  const root = document.getElementById('timeline');
                  const frame = document.querySelector('.frame');
                  const chart = document.querySelector('.chart');
                  const search = document.querySelector('input.search');
                  const box = frame.getBoundingClientRect();
                  const note = function (k, v) { document.body.setAttribute('data-selftest-' + k, String(v)); };
                  note('unit0', root.getAttribute('data-unit'));
                  frame.dispatchEvent(new WheelEvent('wheel', { deltaY: -1500, clientX: box.left + 400,
                    clientY: box.top + 80, bubbles: true, cancelable: true }));
                  setTimeout(function () {
                    note('unit1', root.getAttribute('data-unit'));
                    note('labels1', document.querySelectorAll('.mark-label').length);
                    const left = frame.scrollLeft;
                    note('room', frame.scrollWidth - frame.clientWidth - left);
                    chart.dispatchEvent(new PointerEvent('pointerdown', { button: 0, clientX: box.left + 700,
                      clientY: box.top + 80, bubbles: true }));
                    window.dispatchEvent(new PointerEvent('pointermove', { clientX: box.left + 400,
                      clientY: box.top + 80, bubbles: true }));
                    window.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
                    note('pan', frame.scrollLeft - left);
                    search.value = 'worker-1';
                    search.dispatchEvent(new Event('input', { bubbles: true }));
                    setTimeout(function () {
                      note('lanes', root.getAttribute('data-visible-lanes'));
                      note('hash', location.hash);
                      note('done', 'yes');
                    }, 100);
                  }, 100);
                })();
                """;

        private String drive(Path page) throws IOException, InterruptedException, NoSuchAlgorithmException {
            String html = Files.readString(page, StandardCharsets.UTF_8);
            String hash = "'sha256-" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(DRIVER.getBytes(StandardCharsets.UTF_8))) + "'";
            String widened = html.replaceFirst("script-src ('sha256-[^']+')", "script-src $1 " + hash)
                    .replace("</body>", "<script>" + DRIVER + "</script>\n</body>");
            Path copy = page.resolveSibling("driven-" + page.getFileName());
            Files.writeString(copy, widened, StandardCharsets.UTF_8);
            return chromium.dom(copy, "");
        }

        private String note(String key) {
            if (driven == null) { // one browser run for the three tests
                try {
                    driven = drive(lostWakeup);
                } catch (IOException | InterruptedException | NoSuchAlgorithmException e) {
                    throw new AssertionError(e);
                }
                drawnWithoutErrors(driven);
                assertEquals("yes", attribute(driven, "data-selftest-done"), "the driver ran to its end");
            }
            return attribute(driven, "data-selftest-" + key);
        }

        @Test
        void theWheelZoomsInAndLabelsAppear() {
            assertTrue(Double.parseDouble(note("unit1")) > 2 * Double.parseDouble(note("unit0")),
                    note("unit0") + " -> " + note("unit1"));
            assertTrue(Integer.parseInt(note("labels1")) > 0, "text labels once zoomed in");
        }

        @Test
        void draggingPansTheChart() {
            int room = Integer.parseInt(note("room"));
            assertTrue(room > 0, "zoomed in, the chart is wider than its frame");
            assertEquals(Math.min(300, room), Integer.parseInt(note("pan")), 1, "dragged 300 px to the left");
        }

        @Test
        void typingInTheSearchBoxFiltersLanesAndIsKeptInTheAddress() {
            assertTrue(Integer.parseInt(note("lanes")) < Integer.parseInt(attribute(lostWakeupDom, "data-lanes")));
            assertTrue(note("hash").contains("q=worker-1") && note("hash").contains("zoom="), note("hash"));
        }
    }
}
