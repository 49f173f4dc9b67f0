package dev.lockstep.timeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.trace.TraceEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strings UTF-8 cannot encode, in task and host names, titles and notes, still give a valid page. */
class TimelineEscapingTest {
    @Nested
    class LoneSurrogates {
        @Test
        void inTaskAndHostNamesAndTheTitleAreEscapedSoThePageIsWrittenAsValidUtf8(@TempDir Path dir)
                throws IOException {
            List<TraceEvent> events = List.of(
                    new TraceEvent.Spawned(0, 0, 0, "high\uD800alone", -1, "host\uDC00"),
                    new TraceEvent.Polled(0, 0, 0, "high\uD800alone", false),
                    new TraceEvent.Spawned(1, 0, 1, "end\uD83D", -1, ""),
                    new TraceEvent.Spawned(2, 0, 2, "pair \uD83D\uDE00 kept", -1, ""),
                    new TraceEvent.Note(3, 0, -1, "-", "\uDE00 note"));
            Path file = Timeline.write(dir.resolve("t.html"), events, "title \uD800", null, "");
            byte[] bytes = Files.readAllBytes(file);
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            String html = new String(bytes, StandardCharsets.UTF_8);
            assertTrue(html.contains("high\\ud800alone"), "a lone high surrogate is a JSON escape");
            assertTrue(html.contains("host\\udc00"), "a lone low surrogate too");
            assertTrue(html.contains("end\\ud83d"), "and one at the end of a string");
            assertTrue(html.contains("pair \uD83D\uDE00 kept"), "a real pair is written as it is");
            assertTrue(html.contains("title \uFFFD"), "in HTML text it becomes U+FFFD");
        }
    }
}
