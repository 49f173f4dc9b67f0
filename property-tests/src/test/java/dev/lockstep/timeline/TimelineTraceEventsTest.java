package dev.lockstep.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.property.PlantedBugs;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Chrome trace-event export, parsed back with Jackson: valid JSON, one slice per poll, one
 * flow per wake that led to a poll and per message, names and texts unchanged.
 */
class TimelineTraceEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode parse(String json) throws IOException {
        return JSON.readTree(json);
    }

    private static List<JsonNode> events(JsonNode doc) {
        return StreamSupport.stream(doc.get("traceEvents").spliterator(), false).toList();
    }

    private static List<JsonNode> where(JsonNode doc, String ph, String cat) {
        return events(doc).stream().filter(e -> e.path("ph").asText().equals(ph)
                && (cat == null || e.path("cat").asText().equals(cat))).toList();
    }

    /** Scheduled wakes of a task that is polled again later: the wakes that must be flows. */
    private static long wakesFollowedByAPoll(List<TraceEvent> trace) {
        long n = 0;
        for (int i = 0; i < trace.size(); i++) {
            if (trace.get(i) instanceof TraceEvent.Woken w && w.scheduled()) {
                for (int k = i + 1; k < trace.size(); k++) {
                    if (trace.get(k) instanceof TraceEvent.Polled p && p.task() == w.task()) {
                        n++;
                        break;
                    }
                }
            }
        }
        return n;
    }

    /** Checks what every export must satisfy against {@code trace}; returns the parsed document. */
    private static JsonNode checkAgainst(List<TraceEvent> trace, Timeline timeline) throws IOException {
        JsonNode doc = parse(timeline.traceEventJson());
        long polls = trace.stream().filter(e -> e instanceof TraceEvent.Polled).count();
        assertEquals(polls, where(doc, "X", "poll").size(), "one slice per poll");
        long flows = wakesFollowedByAPoll(Trace.unfoldWakes(trace)); // the wakes polls carry, too
        assertEquals(flows, where(doc, "s", "wake").size(), "one flow start per wake that led to a poll");
        assertEquals(flows, where(doc, "f", "wake").size(), "one flow end per wake that led to a poll");
        Map<Long, Integer> starts = new HashMap<>();
        for (JsonNode e : where(doc, "s", null)) {
            assertEquals(null, starts.put(e.get("id").asLong(), 1), "flow ids are unique: " + e);
        }
        for (JsonNode e : where(doc, "f", null)) {
            assertTrue(starts.containsKey(e.get("id").asLong()), "every flow end has its start: " + e);
        }
        for (JsonNode e : where(doc, "X", null)) {
            assertTrue(e.get("dur").asDouble() > 0, "slices have a duration: " + e);
        }
        // On each thread, slices follow one another without overlapping.
        Map<String, Double> end = new HashMap<>();
        for (JsonNode e : where(doc, "X", null)) {
            String thread = e.get("pid").asInt() + "/" + e.get("tid").asInt();
            double ts = e.get("ts").asDouble();
            assertTrue(ts + 1e-9 >= end.getOrDefault(thread, -1.0), "slice starts after the one before: " + e);
            end.put(thread, ts + e.get("dur").asDouble());
        }
        // Every flow event lies inside a slice of its thread, so viewers can bind it.
        for (JsonNode f : events(doc)) {
            String ph = f.path("ph").asText();
            if (!ph.equals("s") && !ph.equals("f")) {
                continue;
            }
            double ts = f.get("ts").asDouble();
            boolean inside = where(doc, "X", null).stream().anyMatch(x -> x.get("pid").equals(f.get("pid"))
                    && x.get("tid").equals(f.get("tid")) && x.get("ts").asDouble() <= ts + 1e-9
                    && ts < x.get("ts").asDouble() + x.get("dur").asDouble() - 1e-9);
            assertTrue(inside, "flow event inside a slice of its thread: " + f);
        }
        // Timestamps are never before the event's virtual time.
        for (JsonNode e : events(doc)) {
            if (e.has("args") && e.get("args").has("step") && !e.path("ph").asText().equals("X")) {
                String t = e.get("args").get("t").asText();
                double virtualMicros = Double.parseDouble(t.substring(0, t.length() - 1)) * 1e6;
                assertTrue(e.get("ts").asDouble() + 1e-6 >= virtualMicros, "ts not before virtual time: " + e);
            }
        }
        return doc;
    }

    @Nested
    class TheSampleRun {
        private final TimelineSampleRun.Result run = TimelineSampleRun.run();
        private final Timeline timeline = Timeline.of(run.trace()).title("sample <run>").failure(run.failure())
                .replay(run.replay());

        @Test
        void hasASliceForEveryPollAndAFlowForEveryWakeThatLedToAPoll() throws IOException {
            checkAgainst(run.trace().events(), timeline);
        }

        @Test
        void drawsTheTwoMessagesAndTheDropAsFlowsBetweenNetworkThreads() throws IOException {
            JsonNode doc = parse(timeline.traceEventJson());
            assertEquals(3, where(doc, "s", "message").size(), "three sends");
            assertEquals(3, where(doc, "f", "message").size(), "two deliveries and one drop");
            assertEquals(6, where(doc, "X", "net").size(), "sends, deliveries and the drop are slices");
        }

        @Test
        void namesTasksAsThreadsOfTheirHostsProcessWithNamesUnchanged() throws IOException {
            JsonNode doc = parse(timeline.traceEventJson());
            Map<String, Integer> processes = new HashMap<>();
            Set<String> threads = new HashSet<>();
            for (JsonNode m : where(doc, "M", null)) {
                if (m.get("name").asText().equals("process_name")) {
                    processes.put(m.get("args").get("name").asText(), m.get("pid").asInt());
                } else if (m.get("name").asText().equals("thread_name")) {
                    threads.add(m.get("pid").asInt() + ":" + m.get("args").get("name").asText());
                }
            }
            assertEquals(Map.of("simulation", 1, "db-1", 2, "db-2", 3), processes);
            assertTrue(threads.contains("2:'leader'#0") && threads.contains("3:'follower'#1"), threads.toString());
            assertTrue(threads.contains("1:'" + TimelineSampleRun.HOSTILE_TASK + "'#2"), threads.toString());
            assertTrue(threads.contains("1:timers & events") && threads.contains("2:network"), threads.toString());
        }

        @Test
        void marksFaultsAndTheFailureAsInstantEventsAndTheThrowingPoll() throws IOException {
            JsonNode doc = parse(timeline.traceEventJson());
            List<JsonNode> faults = where(doc, "i", "fault");
            assertEquals(2, faults.size(), "the injected fault and the partition");
            assertTrue(faults.stream().anyMatch(f -> f.get("s").asText().equals("g")), "the partition is global");
            List<JsonNode> failure = where(doc, "i", "failure");
            assertEquals(1, failure.size());
            assertTrue(failure.get(0).get("args").get("failure").asText().contains("<b>x=1</b> & </pre>"));
            assertEquals(1, where(doc, "X", "poll").stream()
                    .filter(p -> p.get("name").asText().equals("poll -> threw")).count());
            assertTrue(events(doc).stream().anyMatch(e -> e.path("name").asText()
                    .contains(TimelineSampleRun.HOSTILE_NOTE)), "the note, unchanged");
        }

        @Test
        void carriesTheReplayAndHashAndIsTheSameBytesEachTime() throws IOException {
            JsonNode doc = parse(timeline.traceEventJson());
            assertEquals(run.replay(), doc.get("otherData").get("replay").asText());
            assertEquals(run.trace().hashHex(), doc.get("otherData").get("traceHash").asText());
            assertEquals(timeline.traceEventJson(), Timeline.of(TimelineSampleRun.run().trace()).title("sample <run>")
                    .failure(run.failure()).replay(run.replay()).traceEventJson());
        }

        @Test
        void isWrittenToAFile(@TempDir Path dir) throws IOException {
            Path file = timeline.writeTraceEventJson(dir.resolve("sub dir/trace.json"));
            assertEquals(timeline.traceEventJson(), Files.readString(file, StandardCharsets.UTF_8));
        }
    }

    @Nested
    class ManySeeds {
        @Test
        void everyRunOfAQueueWithTimersAndWakesMatchesItsTrace() throws IOException {
            for (long seed = 0; seed < 40; seed++) {
                Simulation sim = Simulation.builder().seed(seed).traceCapacity(Integer.MAX_VALUE).build();
                Throwable failure = null;
                try {
                    PlantedBugs.staleCache(sim);
                } catch (RuntimeException | AssertionError e) {
                    failure = e;
                }
                Trace trace = sim.trace();
                checkAgainst(trace.events(), Timeline.of(trace).failure(failure).replay(sim.replayString()));
            }
        }

        @Test
        void anEmptyTraceIsAValidDocument() throws IOException {
            JsonNode doc = parse(Timeline.of(new ArrayList<TraceEvent>()).traceEventJson());
            assertEquals(4, events(doc).size(), "only the metadata of the simulation process");
        }
    }
}
