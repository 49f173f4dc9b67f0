package dev.lockstep.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineTest {
    private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

    private static String samplePage() {
        TimelineSampleRun.Result run = TimelineSampleRun.run();
        return Timeline.of(run.trace()).title("<b>kv-store</b> seed 11").failure(run.failure())
                .replay(run.replay()).render();
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static String between(String html, String open, String close) {
        int start = html.indexOf(open) + open.length();
        return html.substring(start, html.indexOf(close, start));
    }

    @Nested
    class Escaping {
        private final String html = samplePage();

        @Test
        void keepsAHostileTaskNameFromBecomingAnElement() {
            assertFalse(html.contains("<img"), "raw <img in the page");
            assertTrue(html.contains("\\u003cimg src=x onerror=alert(1)\\u003e"), "the name is in the data, escaped");
        }

        @Test
        void keepsANoteWithAClosingScriptTagInsideTheDataElement() {
            assertEquals(2, count(html, "<script"), "script elements");
            assertEquals(2, count(html, "</script"), "script end tags");
            String data = between(html, "<script type=\"application/json\" id=\"lockstep-data\">", "</script>");
            assertFalse(data.contains("<"), "the data element contains a '<'");
            assertTrue(data.contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(2)"), "the note, escaped");
        }

        @Test
        void escapesTheTitleAndTheFailureMessageInTheHeader() {
            assertTrue(html.contains("<h1>&lt;b&gt;kv-store&lt;/b&gt; seed 11</h1>"), "title");
            assertTrue(html.contains("acknowledged write lost: &lt;b&gt;x=1&lt;/b&gt; &amp; &lt;/pre&gt;"), "failure");
            assertFalse(html.contains("<b>"), "raw <b> in the page");
        }

        @Test
        void escapesQuotesSoNoTextLeavesAnAttribute() {
            assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt; &amp;amp;",
                    TimelinePage.escape("<a href=\"x\" title='y'> &amp;"));
        }
    }

    @Nested
    class SelfContainment {
        private final String html = samplePage();

        @Test
        void referencesNoUrlButTheSvgNamespaceName() {
            String rest = html.replace(SVG_NAMESPACE, "");
            assertFalse(rest.contains("http://"), "http:// reference");
            assertFalse(rest.contains("https://"), "https:// reference");
            assertFalse(rest.contains("//fonts."), "font host");
        }

        @Test
        void hasNoSourceOrLinkAttributesAndNoImports() {
            assertFalse(Pattern.compile("<[a-zA-Z][^<>]*\\s(src|href)\\s*=").matcher(html).find(), "a src or href attribute");
            assertFalse(html.contains("<link"), "a link element");
            assertFalse(html.contains("@import"), "a CSS import");
            assertFalse(html.contains("url("), "a CSS url()");
        }

        @Test
        void allowsOnlyItsOwnInlineScriptAndStyleByHash() {
            Matcher csp = Pattern.compile("content=\"(default-src 'none'; script-src '([^']+)'; style-src '([^']+)';[^\"]*)\"")
                    .matcher(html);
            assertTrue(csp.find(), "a Content-Security-Policy with default-src 'none'");
            String script = between(html, "<script>", "</script>");
            String style = between(html, "<style>", "</style>");
            assertEquals(TimelinePage.sha256(script), csp.group(2), "script hash");
            assertEquals(TimelinePage.sha256(style), csp.group(3), "style hash");
        }
    }

    @Nested
    class TheHeader {
        @Test
        void showsTheReplayStringTheTraceHashAndTheCounts() {
            TimelineSampleRun.Result run = TimelineSampleRun.run();
            String html = Timeline.of(run.trace()).replay(run.replay()).failure(run.failure()).render();
            assertTrue(html.contains("<code id=\"replay\">" + run.replay() + "</code>"), "replay string");
            assertTrue(html.contains("<code id=\"hash\">" + run.trace().hashHex() + "</code>"), "trace hash");
            int n = run.trace().events().size();
            assertTrue(html.contains(n + " shown of " + n), "counts");
            assertTrue(html.contains("<section class=\"failure\" id=\"failure\">"), "failure section");
        }

        @Test
        void foldsTheSameHashFromAListOfEveryEventAsTheTraceHas() {
            TimelineSampleRun.Result run = TimelineSampleRun.run();
            String html = Timeline.render(run.trace().events(), "t", null, "");
            assertTrue(html.contains("<code id=\"hash\">" + run.trace().hashHex() + "</code>"), "hash");
            assertTrue(html.contains("<code id=\"replay\">(none)</code>"), "no replay string");
            assertFalse(html.contains("id=\"failure\""), "no failure section without a failure");
        }

        @Test
        void saysWhenTheCapLeftEventsOut() {
            List<TraceEvent> events = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                events.add(new TraceEvent.Note(i, 0, -1, "-", "n" + i));
            }
            String html = Timeline.of(events).maxEvents(20).render();
            assertTrue(html.contains("Showing the last 20 of 30 events"), "cap note");
            assertTrue(html.contains("20 shown of 30"), "counts");
        }

        @Test
        void saysWhenTheTraceRingDroppedEvents() {
            Trace trace = new Trace(5);
            for (int i = 0; i < 8; i++) {
                trace.add(new TraceEvent.Note(i, 0, -1, "-", "n" + i));
            }
            String html = Timeline.of(trace).render();
            assertTrue(html.contains("The trace kept only its last 5 of 8 events"), "ring note");
            assertTrue(html.contains("traceCapacity(Integer.MAX_VALUE)"), "the fix");
        }
    }

    @Nested
    class Rendering {
        @Test
        void givesTheSameBytesForTheSameRun() {
            assertEquals(samplePage(), samplePage());
        }

        @Test
        void staysSmallAndCompleteAtTheDefaultCapOfFiveThousandEvents() {
            List<TraceEvent> events = new ArrayList<>();
            for (int i = 0; i < 8_000; i++) {
                events.add(new TraceEvent.Polled(i, (i / 7) * 1_000L, i % 5, "t" + (i % 5), i % 3 == 0));
            }
            String html = Timeline.of(events).render();
            assertEquals(5_000, count(html, "\"d\":\"poll "), "events in the data");
            assertTrue(html.length() < 2_000_000, "page size " + html.length());
        }

        @Test
        void drawsAnEmptyRunWithJustTheGutter() {
            String html = Timeline.of(List.of()).render();
            assertTrue(html.contains("\"lanes\":[{\"key\":\"gutter\""), "gutter lane");
            assertTrue(html.contains("0 shown of 0"), "counts");
        }

        @Test
        void rejectsACapBelowOne() {
            assertThrows(IllegalArgumentException.class, () -> Timeline.of(List.of()).maxEvents(0));
        }

        @Test
        void writesTheFileCreatingItsDirectories(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("a/b/timeline.html");
            List<TraceEvent> events = List.of(new TraceEvent.Note(0, 0, -1, "-", "hello"));
            assertEquals(file, Timeline.write(file, events, "t", null, ""));
            assertEquals(Timeline.render(events, "t", null, ""), Files.readString(file, StandardCharsets.UTF_8));
        }
    }
}
