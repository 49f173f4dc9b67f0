package dev.lockstep.timeline;

import dev.lockstep.timeline.TimelineModel.Arrow;
import dev.lockstep.timeline.TimelineModel.ArrowKind;
import dev.lockstep.timeline.TimelineModel.Failure;
import dev.lockstep.timeline.TimelineModel.Mark;
import dev.lockstep.timeline.TimelineModel.MarkKind;
import dev.lockstep.timeline.TimelineModel.Shown;
import dev.lockstep.timeline.TimelineModel.Tick;
import dev.lockstep.trace.TraceEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lays a trace out as a {@link TimelineModel}: which lane and axis position each event gets,
 * which arrows connect them.
 *
 * <h2>Axis</h2>
 * Events are placed in trace order, one unit apart. When the virtual time changes between two
 * events, a gap of {@link #gap} units and a {@link Tick} are inserted; a {@code ClockAdvanced}
 * event takes no unit of its own but becomes that tick's event. The failure, if any, takes one
 * more gap and unit at the end.
 *
 * <h2>Marks</h2>
 * Polls are coloured by result; the last poll of a task that ended {@code FAILED} is a failed
 * poll. Wakes are arrows from the waking task's lane, or from the gutter when no task woke
 * ({@code byTask < 0}: a timer, an I/O event, the harness); a task waking itself gets no arrow.
 * Network events sit on the lane of the host they happen at (the receiver for deliveries and
 * drops) and are paired by {@link TimelineMessages}. Network {@link #NET_FAULTS} and injected
 * {@code Fault}s are highlighted.
 *
 * <h2>Window</h2>
 * Only the last {@code maxEvents} events are laid out; the rest still name hosts and tasks.
 */
final class TimelineLayout {
    /** Network event kinds drawn as faults. */
    static final Set<String> NET_FAULTS = Set.of("partition", "crash", "reset", "hold", "duplicate", "reorder", "stall");

    private TimelineLayout() {}

    /**
     * Lays out the last {@code maxEvents} of {@code all}, ending with {@code failureText} when it
     * is not {@code null}.
     *
     * @throws IllegalArgumentException if {@code maxEvents < 1}
     */
    static TimelineModel layout(List<TraceEvent> all, int maxEvents, String failureText) {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be >= 1, got " + maxEvents);
        }
        List<TraceEvent> shown = all.subList(Math.max(0, all.size() - maxEvents), all.size());
        TimelineLanes lanes = TimelineLanes.plan(all, shown);
        TimelineMessages messages = new TimelineMessages();
        List<Shown> events = new ArrayList<>(shown.size());
        List<Mark> marks = new ArrayList<>(shown.size());
        List<Arrow> arrows = new ArrayList<>();
        List<Tick> ticks = new ArrayList<>();
        Map<Integer, Integer> lastPoll = new HashMap<>(); // task -> index in marks
        int failedLane = -1;

        double x = 0;
        long now = shown.isEmpty() ? 0 : shown.get(0).nanos();
        ticks.add(new Tick(0, now, -1));
        for (int i = 0; i < shown.size(); i++) {
            TraceEvent e = shown.get(i);
            events.add(new Shown(e.step(), e.nanos(), e.describe()));
            if (e.nanos() != now) {
                x += gap(e.nanos() - now);
                now = e.nanos();
                ticks.add(new Tick(x, now, -1));
            }
            switch (e) {
                case TraceEvent.ClockAdvanced c -> {
                    ticks.set(ticks.size() - 1, new Tick(x, now, i));
                    continue; // no unit of its own
                }
                case TraceEvent.Spawned s -> marks.add(new Mark(i, x, lanes.task(s.task()), MarkKind.SPAWN));
                case TraceEvent.Polled p -> {
                    lastPoll.put(p.task(), marks.size());
                    marks.add(new Mark(i, x, lanes.task(p.task()),
                            p.ready() ? MarkKind.POLL_READY : MarkKind.POLL_PENDING));
                }
                case TraceEvent.Woken w -> {
                    int to = lanes.task(w.task());
                    marks.add(new Mark(i, x, to, MarkKind.WAKE));
                    if (w.byTask() != w.task()) {
                        int from = lanes.hasTask(w.byTask()) ? lanes.task(w.byTask()) : TimelineLanes.GUTTER;
                        ArrowKind kind = w.scheduled() ? ArrowKind.WAKE : ArrowKind.WAKE_NOOP;
                        arrows.add(new Arrow(kind, from, x, to, x, w.byTask() >= 0 ? "" : w.source(), i));
                    }
                }
                case TraceEvent.Completed c -> {
                    int lane = lanes.task(c.task());
                    marks.add(new Mark(i, x, lane, switch (c.outcome()) {
                        case OK -> MarkKind.END_OK;
                        case FAILED -> MarkKind.END_FAILED;
                        case ABORTED -> MarkKind.END_ABORTED;
                    }));
                    if (c.outcome() == TraceEvent.Outcome.FAILED) {
                        failedLane = lane;
                        Integer poll = lastPoll.get(c.task());
                        if (poll != null) {
                            Mark m = marks.get(poll);
                            marks.set(poll, new Mark(m.event(), m.x(), m.lane(), MarkKind.POLL_FAILED));
                        }
                    }
                }
                case TraceEvent.Choice c -> marks.add(new Mark(i, x, TimelineLanes.GUTTER, MarkKind.CHOICE));
                case TraceEvent.Timer t -> marks.add(new Mark(i, x, lanes.task(t.task()), switch (t.action()) {
                    case SET -> MarkKind.TIMER_SET;
                    case FIRED -> MarkKind.TIMER_FIRED;
                    case CANCELLED -> MarkKind.TIMER_CANCELLED;
                }));
                case TraceEvent.Net n -> {
                    boolean atReceiver = n.kind().equals("deliver") || n.kind().equals("drop");
                    int lane = lanes.net(atReceiver ? n.peer() : n.host());
                    marks.add(new Mark(i, x, lane, netKind(n.kind())));
                    messages.add(n, i, x, lane);
                }
                case TraceEvent.Fault f -> marks.add(new Mark(i, x, lanes.task(f.task()), MarkKind.FAULT));
                case TraceEvent.Note n -> marks.add(new Mark(i, x, lanes.task(n.task()), MarkKind.NOTE));
            }
            x += 1;
        }

        Failure failure = null;
        if (failureText != null) {
            x += gap(0);
            failure = new Failure(x, failedLane, failureText);
            x += 1;
        }
        arrows.addAll(messages.arrows(failure != null ? failure.x() : x, lanes::net));
        return new TimelineModel(lanes.lanes(), events, marks, arrows, ticks, x, failure);
    }

    /**
     * The axis gap for a jump of {@code nanos} in virtual time: one unit, plus up to two more
     * growing with the logarithm of the jump (a microsecond adds little, a second about two).
     */
    static double gap(long nanos) {
        double micros = Math.max(0, nanos) / 1_000.0;
        return 1 + Math.min(2, Math.log10(1 + micros) / 3);
    }

    private static MarkKind netKind(String kind) {
        return switch (kind) {
            case "send" -> MarkKind.NET_SEND;
            case "deliver" -> MarkKind.NET_DELIVER;
            case "drop" -> MarkKind.NET_DROP;
            default -> NET_FAULTS.contains(kind) ? MarkKind.NET_FAULT : MarkKind.NET;
        };
    }
}
