package dev.lockstep.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TraceTest {

    private static TraceEvent note(int i) {
        return new TraceEvent.Note(i, 0, -1, "-", "event " + i);
    }

    @Nested
    class Retention {
        @Test
        void aFullTraceKeepsTheLastEventsOldestFirstAcrossManyWrapArounds() {
            Trace trace = new Trace(3);
            List<TraceEvent> all = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                TraceEvent e = note(i);
                all.add(e);
                trace.add(e);
                int kept = Math.min(i + 1, 3);
                assertEquals(all.subList(all.size() - kept, all.size()), trace.events(), "after event " + i);
            }
            assertEquals(11, trace.count());
            assertTrue(trace.truncated());
            assertEquals(all.subList(9, 11), trace.tail(2));
        }

        @Test
        void aTraceBelowCapacityKeepsEverythingAndIsNotTruncated() {
            Trace trace = new Trace(5);
            trace.add(note(0));
            trace.add(note(1));
            assertEquals(List.of(note(0), note(1)), trace.events());
            assertFalse(trace.truncated());
        }
    }

    @Nested
    class Hash {
        @Test
        void theHashCoversEveryEventWhateverTheRetention() {
            Trace small = new Trace(2);
            Trace full = new Trace(Integer.MAX_VALUE);
            long expected = Trace.EMPTY_HASH;
            for (int i = 0; i < 9; i++) {
                small.add(note(i));
                full.add(note(i));
                expected = note(i).mix(expected);
            }
            assertEquals(expected, small.hash());
            assertEquals(expected, full.hash());
        }
    }
}
