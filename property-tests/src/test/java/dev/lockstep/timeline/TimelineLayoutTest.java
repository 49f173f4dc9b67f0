package dev.lockstep.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.timeline.TimelineModel.Arrow;
import dev.lockstep.timeline.TimelineModel.ArrowKind;
import dev.lockstep.timeline.TimelineModel.Lane;
import dev.lockstep.timeline.TimelineModel.Mark;
import dev.lockstep.timeline.TimelineModel.MarkKind;
import dev.lockstep.trace.TraceEvent.Completed;
import dev.lockstep.trace.TraceEvent.Net;
import dev.lockstep.trace.TraceEvent.Outcome;
import dev.lockstep.trace.TraceEvent.Polled;
import dev.lockstep.trace.TraceEvent.Spawned;
import dev.lockstep.trace.TraceEvent.Woken;
import dev.lockstep.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TimelineLayoutTest {
    private static final long MS = 1_000_000;

    private static Spawned spawn(int task, String name, String host) {
        return new Spawned(0, 0, task, name, -2, host);
    }

    private static Net net(long nanos, String from, String to, String kind, int bytes, String detail) {
        return new Net(0, nanos, from, to, kind, bytes, detail);
    }

    private static TimelineModel layout(TraceEvent... events) {
        return TimelineLayout.layout(List.of(events), Timeline.DEFAULT_MAX_EVENTS, null);
    }

    private static List<String> keys(TimelineModel m) {
        return m.lanes().stream().map(Lane::key).toList();
    }

    private static List<Arrow> arrows(TimelineModel m, ArrowKind kind) {
        return m.arrows().stream().filter(a -> a.kind() == kind).toList();
    }

    private static int lane(TimelineModel m, String key) {
        return keys(m).indexOf(key);
    }

    @Nested
    class Lanes {
        @Test
        void comeOnePerTaskGroupedByHostAfterTheGutterAndTheTasksOnNoHost() {
            TimelineModel m = layout(spawn(0, "a", "db-2"), spawn(1, "main", ""), spawn(2, "b", "db-1"),
                    spawn(3, "c", "db-2"));
            assertEquals(List.of("gutter", "task:1", "task:0", "task:3", "task:2"), keys(m));
            assertEquals(List.of("", "db-2", "db-2", "db-1"),
                    m.lanes().stream().skip(1).map(Lane::host).toList());
            assertEquals("main #1", m.lanes().get(1).label());
        }

        @Test
        void putAHostsNetworkLaneFirstInItsGroup() {
            TimelineModel m = layout(spawn(0, "a", "db-1"), spawn(1, "b", "db-2"),
                    net(0, "db-1", "db-2", "send", 10, "c"));
            assertEquals(List.of("gutter", "net:db-1", "task:0", "net:db-2", "task:1"), keys(m));
        }

        @Test
        void keepTheHostOfATaskSpawnedBeforeTheShownWindow() {
            List<TraceEvent> events = List.of(spawn(0, "old", "db-1"), new Polled(1, 0, 0, "old", false),
                    new Polled(2, 0, 0, "old", true));
            TimelineModel m = TimelineLayout.layout(events, 1, null);
            assertEquals(List.of("gutter", "task:0"), keys(m));
            assertEquals("db-1", m.lanes().get(1).host());
            assertEquals("old #0", m.lanes().get(1).label());
        }

        @Test
        void leaveOutTasksWithNoEventInTheShownWindow() {
            List<TraceEvent> events = List.of(spawn(0, "gone", ""), spawn(1, "here", ""),
                    new Polled(1, 0, 1, "here", true));
            assertEquals(List.of("gutter", "task:1"), keys(TimelineLayout.layout(events, 1, null)));
        }
    }

    @Nested
    class Polls {
        @Test
        void areColouredByResultAndTheOneThatThrewIsFailed() {
            TimelineModel m = layout(spawn(0, "t", ""), new Polled(0, 0, 0, "t", false),
                    new Polled(1, 0, 0, "t", true), new Completed(2, 0, 0, "t", Outcome.FAILED, "boom"));
            assertEquals(List.of(MarkKind.SPAWN, MarkKind.POLL_PENDING, MarkKind.POLL_FAILED, MarkKind.END_FAILED),
                    m.marks().stream().map(Mark::kind).toList());
        }

        @Test
        void stayReadyWhenTheTaskEndedWell() {
            TimelineModel m = layout(spawn(0, "t", ""), new Polled(0, 0, 0, "t", true),
                    new Completed(1, 0, 0, "t", Outcome.OK, ""));
            assertEquals(MarkKind.POLL_READY, m.marks().get(1).kind());
        }
    }

    @Nested
    class Wakes {
        @Test
        void areArrowsFromTheWakingTaskToTheWokenOne() {
            TimelineModel m = layout(spawn(0, "a", ""), spawn(1, "b", ""), new Woken(0, 0, 1, "b", 0, "task", true));
            Arrow a = arrows(m, ArrowKind.WAKE).get(0);
            assertEquals(lane(m, "task:0"), a.fromLane());
            assertEquals(lane(m, "task:1"), a.toLane());
            assertEquals(2, a.event());
        }

        @Test
        void comeFromTheGutterWhenNoTaskWokeLabelledWithTheSource() {
            TimelineModel m = layout(spawn(0, "a", ""), new Woken(0, 0, 0, "a", -1, "timer", true));
            Arrow a = arrows(m, ArrowKind.WAKE).get(0);
            assertEquals(TimelineLanes.GUTTER, a.fromLane());
            assertEquals("timer", a.label());
        }

        @Test
        void thatHadNoEffectAreDrawnApartAndSelfWakesGetNoArrow() {
            TimelineModel m = layout(spawn(0, "a", ""), spawn(1, "b", ""), new Woken(0, 0, 1, "b", 0, "task", false),
                    new Woken(0, 0, 0, "a", 0, "task", true));
            assertEquals(1, arrows(m, ArrowKind.WAKE_NOOP).size());
            assertEquals(0, arrows(m, ArrowKind.WAKE).size());
            assertEquals(2, m.marks().stream().filter(k -> k.kind() == MarkKind.WAKE).count());
        }
    }

    @Nested
    class Messages {
        @Test
        void runFromTheSendersLaneToTheReceiversWithTheirSize() {
            TimelineModel m = layout(net(0, "db-1", "db-2", "send", 512, "c1"),
                    net(2 * MS, "db-1", "db-2", "deliver", 512, "c1"));
            Arrow a = arrows(m, ArrowKind.MESSAGE).get(0);
            assertEquals(lane(m, "net:db-1"), a.fromLane());
            assertEquals(lane(m, "net:db-2"), a.toLane());
            assertEquals("512 B", a.label());
            assertTrue(a.toX() > a.fromX(), "the delivery is later on the axis");
            assertEquals(List.of(MarkKind.NET_SEND, MarkKind.NET_DELIVER), m.marks().stream().map(Mark::kind).toList());
        }

        @Test
        void pairByDetailWhenConnectionsInterleave() {
            TimelineModel m = layout(net(0, "a", "b", "send", 1, "c1"), net(0, "a", "b", "send", 2, "c2"),
                    net(0, "a", "b", "deliver", 2, "c2"), net(0, "a", "b", "deliver", 1, "c1"));
            List<Arrow> msgs = arrows(m, ArrowKind.MESSAGE);
            assertEquals(List.of("2 B", "1 B"), msgs.stream().map(Arrow::label).toList());
            assertEquals(m.marks().get(1).x(), msgs.get(0).fromX());
            assertEquals(m.marks().get(0).x(), msgs.get(1).fromX());
        }

        @Test
        void endInADropWhoseDetailExtendsTheSends() {
            TimelineModel m = layout(net(0, "a", "b", "send", 64, "c1"), net(0, "a", "b", "drop", 64, "c1: partition"));
            Arrow d = arrows(m, ArrowKind.DROP).get(0);
            assertEquals(lane(m, "net:b"), d.toLane());
            assertEquals(MarkKind.NET_DROP, m.marks().get(1).kind());
            assertEquals(0, arrows(m, ArrowKind.IN_FLIGHT).size());
        }

        @Test
        void thatWereDuplicatedGetAnArrowPerDelivery() {
            TimelineModel m = layout(net(0, "a", "b", "send", 8, "d1"), net(0, "a", "b", "duplicate", 8, "d1"),
                    net(0, "a", "b", "deliver", 8, "d1"), net(0, "a", "b", "deliver", 8, "d1"));
            assertEquals(2, arrows(m, ArrowKind.MESSAGE).size());
            assertEquals(MarkKind.NET_FAULT, m.marks().get(1).kind());
        }

        @Test
        void stillInFlightRunToTheFailure() {
            TimelineModel m = TimelineLayout.layout(List.of(net(0, "a", "b", "send", 8, "d1")), 10, "boom");
            Arrow f = arrows(m, ArrowKind.IN_FLIGHT).get(0);
            assertEquals(m.failure().x(), f.toX());
            assertEquals(lane(m, "net:b"), f.toLane());
        }
    }

    @Nested
    class Faults {
        @Test
        void injectedOnesAndNetworkFaultsAreHighlighted() {
            TimelineModel m = layout(spawn(0, "a", "h"), new TraceEvent.Fault(0, 0, 0, "a", "spurious-poll", ""),
                    net(0, "h", "h2", "partition", 0, ""), net(0, "h", "h2", "crash", 0, ""),
                    net(0, "h", "h2", "heal", 0, ""));
            assertEquals(List.of(MarkKind.SPAWN, MarkKind.FAULT, MarkKind.NET_FAULT, MarkKind.NET_FAULT, MarkKind.NET),
                    m.marks().stream().map(Mark::kind).toList());
            assertEquals(lane(m, "task:0"), m.marks().get(1).lane());
        }
    }

    @Nested
    class TheAxis {
        @Test
        void spreadsEventsAtOneInstantOneUnitApart() {
            TimelineModel m = layout(spawn(0, "a", ""), new Polled(0, 0, 0, "a", false), new Polled(1, 0, 0, "a", true));
            assertEquals(List.of(0.0, 1.0, 2.0), m.marks().stream().map(Mark::x).toList());
            assertEquals(1, m.ticks().size());
            assertEquals(3.0, m.width());
        }

        @Test
        void insertsAGapAndATickWhenTimeMovesAndTheClockEventTakesNoUnit() {
            TimelineModel m = layout(spawn(0, "a", ""), new TraceEvent.ClockAdvanced(0, 5 * MS, 0),
                    new Polled(0, 5 * MS, 0, "a", true));
            double gap = TimelineLayout.gap(5 * MS);
            assertEquals(1 + gap, m.marks().get(1).x(), 1e-9);
            assertEquals(2, m.ticks().size());
            assertEquals(5 * MS, m.ticks().get(1).nanos());
            assertEquals(1, m.ticks().get(1).event(), "the tick carries the clock event");
            assertEquals(2, m.marks().size(), "the clock event has no mark");
        }

        @Test
        void growsGapsWithTheJumpButKeepsThemBetweenOneAndThreeUnits() {
            assertEquals(1.0, TimelineLayout.gap(0));
            assertTrue(TimelineLayout.gap(1_000) < TimelineLayout.gap(MS));
            assertTrue(TimelineLayout.gap(MS) < TimelineLayout.gap(1_000 * MS));
            assertEquals(3.0, TimelineLayout.gap(Long.MAX_VALUE));
        }
    }

    @Nested
    class WakeArrows {
        @Test
        void endAtThePollTheWakeCaused() {
            TimelineModel m = layout(spawn(0, "a", ""), spawn(1, "b", ""), new Polled(0, 0, 1, "b", false),
                    new Woken(1, 0, 1, "b", 0, "task", true), new Polled(1, 0, 0, "a", true),
                    new Polled(2, 0, 1, "b", true));
            Arrow a = arrows(m, ArrowKind.WAKE).get(0);
            assertEquals(m.marks().get(3).x(), a.fromX());
            assertEquals(m.marks().get(5).x(), a.toX(), "to b's next poll");
            assertEquals(m.marks().get(5).tx(), a.toTx());
        }
    }

    @Nested
    class Spans {
        @Test
        void coverRunnableFromSpawnOrWakeAndPendingFromPollToWake() {
            TimelineModel m = layout(spawn(0, "a", ""), new Polled(0, 0, 0, "a", false),
                    new Woken(1, MS, 0, "a", -1, "timer", true), new Polled(1, MS, 0, "a", true),
                    new Completed(2, MS, 0, "a", Outcome.OK, ""));
            assertEquals(List.of("RUNNABLE 0-1", "PENDING 1-2", "RUNNABLE 2-3"),
                    m.spans().stream().map(s -> s.kind() + " " + s.from() + "-" + s.to()).toList());
            TimelineModel.Span pending = m.spans().get(1);
            assertEquals(m.marks().get(1).tx(), pending.ftx());
            assertEquals(m.marks().get(2).tx(), pending.ttx());
        }

        @Test
        void stillOpenRunToTheEndAndTheCulpritsLastPendingIsMarked() {
            List<TraceEvent> events = List.of(spawn(0, "worker", ""), spawn(1, "main", ""),
                    new Polled(0, 0, 0, "worker", false), new Polled(1, 0, 1, "main", false));
            RuntimeException failure = new dev.lockstep.runtime.DeadlockException("deadlock", List.of(
                    new dev.lockstep.runtime.DeadlockException.BlockedTask(0, "worker", 0, 0, true, "nothing")),
                    1, 0, "", null);
            TimelineModel m = TimelineLayout.layout(events, 100, "deadlock", failure);
            TimelineModel.Span last = m.spans().stream().filter(s -> s.from() == 2).findFirst().orElseThrow();
            assertEquals(-1, last.to());
            assertEquals(m.failure().x(), last.toX());
            assertTrue(last.culprit());
            assertEquals(1, m.spans().stream().filter(TimelineModel.Span::culprit).count());
            assertEquals(List.of(new TimelineModel.Culprit(0, lane(m, "task:0"), "lost wakeup", 2)), m.culprits());
        }
    }

    @Nested
    class Culprits {
        private List<TimelineModel.Culprit> culprits(Throwable failure, TraceEvent... events) {
            return TimelineLayout.layout(List.of(events), 100, String.valueOf(failure), failure).culprits();
        }

        @Test
        void areTheTaskThatFailedWhenTheFailureNamesNone() {
            List<TimelineModel.Culprit> c = culprits(new IllegalStateException("x"), spawn(0, "a", ""),
                    new Polled(0, 0, 0, "a", true), new Completed(1, 0, 0, "a", Outcome.FAILED, "x"));
            assertEquals(List.of("failed task"), c.stream().map(TimelineModel.Culprit::reason).toList());
        }

        @Test
        void areTheBlockOnTaskForAnAssertionAfterIt() {
            List<TimelineModel.Culprit> c = culprits(new AssertionError("lost write"),
                    new Spawned(0, 0, 0, "server", -1, "db"), new Spawned(0, 0, 1, "main", -1, ""),
                    new Polled(0, 0, 1, "main", true));
            assertEquals(1, c.size());
            assertEquals(1, c.get(0).task());
            assertEquals("failing assertion", c.get(0).reason());
        }

        @Test
        void areNoneWithoutAFailure() {
            assertEquals(List.of(), layout(spawn(0, "a", "")).culprits());
        }
    }

    @Nested
    class Decisions {
        @Test
        void areTheNonZeroChoices() {
            TimelineModel m = layout(new TraceEvent.Choice(0, 0, "schedule", 3, 0),
                    new TraceEvent.Choice(0, 0, "schedule", 3, 2), new TraceEvent.Choice(1, 0, "latency", 10, 7));
            assertEquals(List.of("schedule 2/3", "latency 7/10"),
                    m.decisions().stream().map(TimelineModel.Decision::label).toList());
            assertEquals(List.of(1, 2), m.decisions().stream().map(TimelineModel.Decision::event).toList());
        }
    }

    @Nested
    class TheWindow {
        @Test
        void showsOnlyTheLastEvents() {
            List<TraceEvent> events = new ArrayList<>();
            events.add(spawn(0, "a", ""));
            for (int i = 0; i < 100; i++) {
                events.add(new Polled(i, 0, 0, "a", false));
            }
            TimelineModel m = TimelineLayout.layout(events, 10, null);
            assertEquals(10, m.events().size());
            assertEquals(90, m.events().get(0).step());
        }

        @Test
        void rejectsAWindowOfNothing() {
            assertThrows(IllegalArgumentException.class, () -> TimelineLayout.layout(List.of(), 0, null));
        }
    }

    @Nested
    class TheFailure {
        @Test
        void comesAfterTheLastEventOnTheLaneOfTheTaskThatFailed() {
            TimelineModel m = TimelineLayout.layout(List.of(spawn(0, "a", ""), spawn(1, "b", ""),
                    new Completed(0, 0, 1, "b", Outcome.FAILED, "x"), new Polled(0, 0, 0, "a", true)), 10, "boom");
            assertEquals(lane(m, "task:1"), m.failure().lane());
            assertTrue(m.failure().x() > m.marks().get(3).x());
            assertEquals("boom", m.failure().text());
        }

        @Test
        void isAbsentWhenTheRunDidNotFail() {
            assertNull(layout(spawn(0, "a", "")).failure());
        }
    }
}
