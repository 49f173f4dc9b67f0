package dev.lockstep.timeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.trace.TraceEvent;
import dev.lockstep.trace.TraceEvent.Polled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TimelineAxisTest {
    private static final long MS = 1_000_000;

    private static Polled at(long nanos) {
        return new Polled(0, nanos, 0, "a", false);
    }

    @Nested
    class Instants {
        @Test
        void spreadEventsAtOneInstantOneUnitApartAndGiveTheClockEventNoUnit() {
            TimelineAxis a = TimelineAxis.of(List.of(at(0), at(0), new TraceEvent.ClockAdvanced(0, MS, 0), at(MS)));
            assertEquals(0.0, a.tx(0));
            assertEquals(1.0, a.tx(1));
            assertEquals(a.tx(2), a.tx(3), "the clock event sits where its instant begins");
            assertEquals(2, a.instants().size());
            assertEquals(2, a.instants().get(1).event());
            assertEquals(a.tx(3) + 1, a.width());
        }

        @Test
        void ofOneInstantHaveNoGapsAndNoTimeTicks() {
            TimelineAxis a = TimelineAxis.of(List.of(at(5), at(5)));
            assertEquals(0.0, a.unitsPerNano());
            assertEquals(List.of(), a.ticks());
            assertEquals(2.0, a.width());
        }
    }

    @Nested
    class Gaps {
        @Test
        void areProportionalToVirtualTimeAtOneScale() {
            TimelineAxis a = TimelineAxis.of(List.of(at(0), at(MS), at(12 * MS), at(13 * MS)));
            double k = a.unitsPerNano();
            assertEquals(1 + MS * k, a.tx(1), 1e-9);
            assertEquals(a.tx(1) + 1 + 11 * MS * k, a.tx(2), 1e-9, "0.001s->0.012s is 11 times 0.000s->0.001s");
            assertEquals(a.tx(2) + 1 + MS * k, a.tx(3), 1e-9);
        }

        @Test
        void togetherGetAsManyUnitsAsThereAreEventsAtLeastTwelve() {
            TimelineAxis few = TimelineAxis.of(List.of(at(0), at(MS)));
            assertEquals(TimelineAxis.MIN_GAP_UNITS, MS * few.unitsPerNano(), 1e-9);
            List<TraceEvent> many = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                many.add(at(i / 10 * MS));
            }
            TimelineAxis m = TimelineAxis.of(many);
            assertEquals(100.0, 9 * MS * m.unitsPerNano(), 1e-9);
        }

        @Test
        void longIdleOnesAreFoldedAndNoTickFallsInThem() {
            List<TraceEvent> events = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                events.add(at(i * MS));
            }
            events.add(at(5_000 * MS));
            events.add(at(5_001 * MS));
            TimelineAxis a = TimelineAxis.of(events);
            assertEquals(1, a.folds().size());
            TimelineAxis.Fold f = a.folds().get(0);
            assertEquals(9 * MS, f.fromNanos());
            assertEquals(5_000 * MS, f.toNanos());
            assertEquals("4.991s idle", f.label());
            assertEquals(f.x() + TimelineAxis.FOLD_UNITS, a.tx(10), 1e-9);
            assertTrue(a.ticks().stream().noneMatch(t -> t.nanos() > 9 * MS && t.nanos() < 5_000 * MS));
            assertEquals(10 * MS * a.unitsPerNano(), 12.0, 1e-9, "the scale counts only unfolded time");
        }

        @Test
        void areNotFoldedWhenTheyAreAllAlike() {
            assertArrayEquals(new boolean[] {false, false, false},
                    TimelineAxis.foldedGaps(List.of(MS, 2 * MS, 3 * MS)));
            assertArrayEquals(new boolean[] {false}, TimelineAxis.foldedGaps(List.of(1_000 * MS)));
            assertArrayEquals(new boolean[] {false, false, false},
                    TimelineAxis.foldedGaps(List.of(MS, 11 * MS, MS)), "11 times the median is not idle");
        }
    }

    @Nested
    class Ticks {
        @Test
        void fallAtRoundTimesProportionallyInsideEachGap() {
            TimelineAxis a = TimelineAxis.of(List.of(at(0), at(0), at(10 * MS), at(30 * MS)));
            long interval = TimelineAxis.tickInterval(30 * MS);
            assertEquals(5 * MS, interval);
            double k = a.unitsPerNano();
            for (TimelineAxis.TimeTick t : a.ticks()) {
                assertEquals(0, t.nanos() % interval, "round time " + t);
                double burstEnd = t.gap() == 0 ? a.tx(1) + 1 : a.tx(2) + 1;
                long from = t.gap() == 0 ? 0 : 10 * MS;
                assertEquals(burstEnd + (t.nanos() - from) * k, t.x(), 1e-9, t.toString());
            }
            assertEquals(List.of(5 * MS, 15 * MS, 20 * MS, 25 * MS),
                    a.ticks().stream().map(TimelineAxis.TimeTick::nanos).toList(), "10 ms begins an instant");
        }

        @Test
        void useOneTwoOrFiveTimesAPowerOfTen() {
            assertEquals(1, TimelineAxis.tickInterval(5));
            assertEquals(200, TimelineAxis.tickInterval(1_500));
            assertEquals(500 * MS, TimelineAxis.tickInterval(3_000 * MS));
            assertEquals(0, TimelineAxis.tickInterval(0));
        }
    }
}
