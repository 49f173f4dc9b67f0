package dev.lockstep.timeline;

import dev.lockstep.timeline.TimelineModel.Arrow;
import dev.lockstep.timeline.TimelineModel.ArrowKind;
import dev.lockstep.timeline.TimelineModel.Culprit;
import dev.lockstep.timeline.TimelineModel.Decision;
import dev.lockstep.timeline.TimelineModel.Failure;
import dev.lockstep.timeline.TimelineModel.Mark;
import dev.lockstep.timeline.TimelineModel.MarkKind;
import dev.lockstep.timeline.TimelineModel.Shown;
import dev.lockstep.timeline.TimelineModel.Span;
import dev.lockstep.timeline.TimelineModel.SpanKind;
import dev.lockstep.timeline.TimelineModel.Tick;
import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lays a trace out as a {@link TimelineModel}: which lane and axis positions each event gets,
 * which arrows and spans connect them, which tasks the failure names.
 *
 * <h2>Axes</h2>
 * On the step axis events are placed in trace order, one unit apart. When the virtual time
 * changes between two events, a gap of {@link #gap} units and a {@link Tick} are inserted; a
 * {@code ClockAdvanced} event takes no unit of its own but becomes that tick's event. The time
 * axis is {@link TimelineAxis}'s. The failure, if any, takes one more gap and unit at the end of
 * both.
 *
 * <h2>Marks</h2>
 * Polls are coloured by result; the last poll of a task that ended {@code FAILED} is a failed
 * poll. Network events sit on the lane of the host they happen at (the receiver for deliveries and
 * drops) and are paired by {@link TimelineMessages}. Network {@link #NET_FAULTS} and injected
 * {@code Fault}s are highlighted.
 *
 * <h2>Arrows</h2>
 * A wake is an arrow from the waking task's lane, or from the gutter when no task woke
 * ({@code byTask < 0}: a timer, an I/O event, the harness), to the poll of the woken task that it
 * caused (its next poll), or straight down at the wake when no poll followed. A wake that found
 * its task already scheduled is drawn apart; a task waking itself gets no arrow.
 *
 * <h2>Spans</h2>
 * A task is runnable from its spawn, or from a wake that scheduled it, to its next poll; it is
 * pending from a poll that returned {@code Pending} to the wake that scheduled it again (or to a
 * poll without a wake, a spurious poll). Spans still open when the run ends run to its end. The
 * last pending span of a culprit ({@link TimelineCulprits}) is marked.
 *
 * <h2>Decisions</h2>
 * The non-zero choices of the run: the decisions a shrunk failing run still needs. With the run's
 * recorded choices, every one of them (see {@link #decisions}); without, the shown {@code Choice}
 * events with a non-zero value.
 *
 * <h2>Wakes carried by polls</h2>
 * A trace records a wake that scheduled its task in the poll it caused ({@code Polled} carries
 * it); the layout unfolds it first ({@code Trace.unfoldWakes}) into a {@code Woken} event where it
 * happened, so every wake is drawn as above, and marks it {@code carried} in the shown events.
 *
 * <h2>Window</h2>
 * Only the last {@code maxEvents} trace events are laid out, with the wakes unfolded among them;
 * the rest still name hosts and tasks.
 */
final class TimelineLayout {
    /** Network event kinds drawn as faults. */
    static final Set<String> NET_FAULTS = Set.of("partition", "crash", "reset", "hold", "duplicate", "reorder", "stall");

    private TimelineLayout() {}

    /**
     * Lays out the last {@code maxEvents} of {@code all}, ending with {@code failureText} when it
     * is not {@code null}, with no culprits.
     *
     * @throws IllegalArgumentException if {@code maxEvents < 1}
     */
    static TimelineModel layout(List<TraceEvent> all, int maxEvents, String failureText) {
        return layout(all, maxEvents, failureText, null);
    }

    /**
     * Lays out the last {@code maxEvents} of {@code all}, ending with {@code failureText} when it
     * is not {@code null}, highlighting the tasks {@code failure} names (none when {@code null}).
     *
     * @throws IllegalArgumentException if {@code maxEvents < 1}
     */
    static TimelineModel layout(List<TraceEvent> all, int maxEvents, String failureText, Throwable failure) {
        return layout(all, maxEvents, failureText, failure, null);
    }

    /**
     * As {@link #layout(List, int, String, Throwable)}, with the decisions taken from the run's
     * recorded {@code choices} ({@code null}: from the trace's schedule choices alone).
     */
    static TimelineModel layout(List<TraceEvent> traced, int maxEvents, String failureText, Throwable failure,
            int[] choices) {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be >= 1, got " + maxEvents);
        }
        // A wake that a poll's event carries is drawn as an event of its own, where it happened
        // (Trace.unfoldWakes). The window counts trace events; the wakes placed in it come with it.
        List<TraceEvent> all = Trace.unfoldWakes(traced);
        boolean[] carried = carriedWakes(traced, all);
        List<TraceEvent> shown = all.subList(windowStart(carried, Math.max(0, traced.size() - maxEvents)), all.size());
        int start = all.size() - shown.size();
        int n = shown.size();
        TimelineLanes lanes = TimelineLanes.plan(all, shown);
        TimelineAxis axis = TimelineAxis.of(shown);
        List<Shown> events = new ArrayList<>(n);
        List<Tick> ticks = new ArrayList<>();

        // The step axis.
        double[] xs = new double[n];
        double x = 0;
        long now = shown.isEmpty() ? 0 : shown.get(0).nanos();
        ticks.add(new Tick(0, now, -1));
        for (int i = 0; i < n; i++) {
            TraceEvent e = shown.get(i);
            events.add(new Shown(e.step(), e.nanos(), e.describe(), carried[start + i]));
            if (e.nanos() != now) {
                x += gap(e.nanos() - now);
                now = e.nanos();
                ticks.add(new Tick(x, now, -1));
            }
            xs[i] = x;
            if (e instanceof TraceEvent.ClockAdvanced) {
                ticks.set(ticks.size() - 1, new Tick(x, now, i));
            } else {
                x += 1;
            }
        }
        double endX = x;
        double endTx = axis.width();
        Failure failureMark = null;
        if (failureText != null) {
            endX += gap(0);
            endTx += 1;
        }

        // The poll each wake caused: the next poll of its task (a backward pass).
        int[] pollAfter = new int[n];
        Map<Integer, Integer> nextPoll = new HashMap<>();
        for (int i = n - 1; i >= 0; i--) {
            TraceEvent e = shown.get(i);
            pollAfter[i] = e instanceof TraceEvent.Woken w ? nextPoll.getOrDefault(w.task(), -1) : -1;
            if (e instanceof TraceEvent.Polled p) {
                nextPoll.put(p.task(), i);
            }
        }

        List<TimelineCulprits.Culprit> found = TimelineCulprits.find(failure, shown);
        Set<Integer> culpritPending = new HashSet<>();
        for (TimelineCulprits.Culprit c : found) {
            if (c.lastPending() >= 0) {
                culpritPending.add(c.lastPending());
            }
        }

        TimelineMessages messages = new TimelineMessages();
        List<Mark> marks = new ArrayList<>(n);
        List<Arrow> arrows = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        List<Decision> decisions = new ArrayList<>();
        Map<Integer, Integer> lastPoll = new HashMap<>(); // task -> index in marks
        Map<Integer, int[]> open = new HashMap<>(); // task -> {kind ordinal, from event}
        int failedLane = -1;
        for (int i = 0; i < n; i++) {
            TraceEvent e = shown.get(i);
            double tx = axis.tx(i);
            switch (e) {
                case TraceEvent.ClockAdvanced c -> { }
                case TraceEvent.Spawned s -> {
                    marks.add(new Mark(i, xs[i], lanes.task(s.task()), MarkKind.SPAWN, tx));
                    open.put(s.task(), new int[] {SpanKind.RUNNABLE.ordinal(), i});
                }
                case TraceEvent.Polled p -> {
                    int lane = lanes.task(p.task());
                    lastPoll.put(p.task(), marks.size());
                    marks.add(new Mark(i, xs[i], lane, p.ready() ? MarkKind.POLL_READY : MarkKind.POLL_PENDING, tx));
                    close(open.remove(p.task()), lane, i, xs, axis, spans, culpritPending);
                    if (!p.ready()) {
                        open.put(p.task(), new int[] {SpanKind.PENDING.ordinal(), i});
                    }
                }
                case TraceEvent.Woken w -> {
                    int to = lanes.task(w.task());
                    marks.add(new Mark(i, xs[i], to, MarkKind.WAKE, tx));
                    if (w.byTask() != w.task()) {
                        int from = lanes.hasTask(w.byTask()) ? lanes.task(w.byTask()) : TimelineLanes.GUTTER;
                        ArrowKind kind = w.scheduled() ? ArrowKind.WAKE : ArrowKind.WAKE_NOOP;
                        int poll = w.scheduled() ? pollAfter[i] : -1;
                        arrows.add(new Arrow(kind, from, xs[i], to, poll >= 0 ? xs[poll] : xs[i],
                                w.byTask() >= 0 ? "" : w.source(), i, tx, poll >= 0 ? axis.tx(poll) : tx));
                    }
                    int[] span = open.get(w.task());
                    if (w.scheduled() && span != null && span[0] == SpanKind.PENDING.ordinal()) {
                        close(open.remove(w.task()), to, i, xs, axis, spans, culpritPending);
                        open.put(w.task(), new int[] {SpanKind.RUNNABLE.ordinal(), i});
                    }
                }
                case TraceEvent.Completed c -> {
                    int lane = lanes.task(c.task());
                    marks.add(new Mark(i, xs[i], lane, switch (c.outcome()) {
                        case OK -> MarkKind.END_OK;
                        case FAILED -> MarkKind.END_FAILED;
                        case ABORTED -> MarkKind.END_ABORTED;
                    }, tx));
                    close(open.remove(c.task()), lane, i, xs, axis, spans, culpritPending);
                    if (c.outcome() == TraceEvent.Outcome.FAILED) {
                        failedLane = lane;
                        Integer poll = lastPoll.get(c.task());
                        if (poll != null) {
                            Mark m = marks.get(poll);
                            marks.set(poll, new Mark(m.event(), m.x(), m.lane(), MarkKind.POLL_FAILED, m.tx()));
                        }
                    }
                }
                case TraceEvent.Choice c -> {
                    marks.add(new Mark(i, xs[i], TimelineLanes.GUTTER, MarkKind.CHOICE, tx));
                    if (c.value() != 0 && choices == null) {
                        decisions.add(new Decision(i, xs[i], tx, c.what() + " " + c.value() + "/" + c.bound(), -1,
                                true));
                    }
                }
                case TraceEvent.Timer t -> marks.add(new Mark(i, xs[i], lanes.task(t.task()), switch (t.action()) {
                    case SET -> MarkKind.TIMER_SET;
                    case FIRED -> MarkKind.TIMER_FIRED;
                    case CANCELLED -> MarkKind.TIMER_CANCELLED;
                }, tx));
                case TraceEvent.Net net -> {
                    boolean atReceiver = net.kind().equals("deliver") || net.kind().equals("drop");
                    int lane = lanes.net(atReceiver ? net.peer() : net.host());
                    marks.add(new Mark(i, xs[i], lane, netKind(net.kind()), tx));
                    messages.add(net, i, xs[i], lane);
                }
                case TraceEvent.Fault f -> marks.add(new Mark(i, xs[i], lanes.task(f.task()), MarkKind.FAULT, tx));
                case TraceEvent.Note note -> marks.add(new Mark(i, xs[i], lanes.task(note.task()), MarkKind.NOTE, tx));
            }
        }
        // Spans still open run to the end, in task order.
        for (Integer task : new java.util.TreeSet<>(open.keySet())) {
            int[] span = open.get(task);
            SpanKind kind = SpanKind.values()[span[0]];
            spans.add(new Span(kind, lanes.task(task), span[1], -1, xs[span[1]], endX, axis.tx(span[1]), endTx,
                    kind == SpanKind.PENDING && culpritPending.contains(span[1])));
        }

        if (failureText != null) {
            failureMark = new Failure(endX, failedLane, failureText, endTx);
        }
        double width = endX + (failureText != null ? 1 : 0);
        List<Arrow> all2 = new ArrayList<>(arrows);
        for (Arrow a : messages.arrows(failureMark != null ? failureMark.x() : endX, lanes::net)) {
            all2.add(new Arrow(a.kind(), a.fromLane(), a.fromX(), a.toLane(), a.toX(), a.label(), a.event(),
                    txOfX(a.fromX(), xs, axis), a.kind() == ArrowKind.IN_FLIGHT ? endTx : txOfX(a.toX(), xs, axis)));
        }
        if (choices != null) {
            decisions.addAll(decisions(all, all.size() - n, choices, xs, axis));
        }
        List<Culprit> culprits = new ArrayList<>();
        for (TimelineCulprits.Culprit c : found) {
            culprits.add(new Culprit(c.task(), lanes.hasTask(c.task()) ? lanes.task(c.task()) : -1, c.reason(),
                    c.lastPending()));
        }
        return new TimelineModel(lanes.lanes(), events, marks, all2, ticks, width, failureMark, spans, culprits,
                decisions, axis);
    }

    /**
     * Which events of {@code all} ({@code traced} with its wakes unfolded) are wakes that a poll
     * carried: the {@code Woken} events that are not events of {@code traced} itself.
     */
    private static boolean[] carriedWakes(List<TraceEvent> traced, List<TraceEvent> all) {
        boolean[] carried = new boolean[all.size()];
        int i = 0;
        for (int j = 0; j < all.size(); j++) {
            TraceEvent e = all.get(j);
            // unfoldWakes keeps every event but a carrying poll as the same object, and adds only Woken events.
            if (i < traced.size() && (e == traced.get(i)
                    || e instanceof TraceEvent.Polled && traced.get(i) instanceof TraceEvent.Polled)) {
                i++;
            } else {
                carried[j] = true;
            }
        }
        return carried;
    }

    /**
     * Where in the unfolded events the window starting at trace event {@code tracedStart} begins:
     * at that event, or at the carried wakes placed just before it.
     */
    private static int windowStart(boolean[] carried, int tracedStart) {
        int j = 0;
        for (int seen = 0; j < carried.length && seen < tracedStart; j++) {
            if (!carried[j]) {
                seen++;
            }
        }
        while (j > 0 && j < carried.length && carried[j - 1] && tracedStart > 0) {
            j--;
        }
        return j;
    }

    /**
     * The non-zero {@code choices}, placed on the axes. The trace's schedule choices are a
     * subsequence of the run's choices: each is matched, in order, to the next recorded choice of
     * the same value; a recorded choice left unmatched was drawn by the run's own code after the
     * schedule choice matched before it (at the start of the axis when none was).
     *
     * @param offset where the shown window begins in {@code all}
     */
    private static List<Decision> decisions(List<TraceEvent> all, int offset, int[] choices, double[] xs,
            TimelineAxis axis) {
        List<Integer> traced = new ArrayList<>();
        for (int a = 0; a < all.size(); a++) {
            if (all.get(a) instanceof TraceEvent.Choice) {
                traced.add(a);
            }
        }
        List<Decision> out = new ArrayList<>();
        int next = 0;
        int lastMatched = -1;
        for (int k = 0; k < choices.length; k++) {
            boolean match = next < traced.size() && ((TraceEvent.Choice) all.get(traced.get(next))).value() == choices[k];
            if (match) {
                lastMatched = traced.get(next++);
            }
            if (choices[k] == 0) {
                continue;
            }
            int shown = lastMatched - offset;
            if (lastMatched >= 0 && shown < 0) {
                continue; // drawn before the shown window
            }
            double x = shown >= 0 ? xs[shown] : 0;
            double tx = shown >= 0 ? axis.tx(shown) : 0;
            String label;
            if (match) {
                TraceEvent.Choice c = (TraceEvent.Choice) all.get(lastMatched);
                label = "#" + k + " " + c.what() + " " + c.value() + "/" + c.bound();
            } else {
                label = "#" + k + " = " + choices[k];
            }
            out.add(new Decision(shown, x, tx, label, k, match));
        }
        return out;
    }

    /** Closes an open span (if any) at event {@code to}. */
    private static void close(int[] span, int lane, int to, double[] xs, TimelineAxis axis, List<Span> spans,
            Set<Integer> culpritPending) {
        if (span == null) {
            return;
        }
        SpanKind kind = SpanKind.values()[span[0]];
        spans.add(new Span(kind, lane, span[1], to, xs[span[1]], xs[to], axis.tx(span[1]), axis.tx(to),
                kind == SpanKind.PENDING && culpritPending.contains(span[1])));
    }

    /** The time-axis position of the shown event at step-axis position {@code x} (marks are unique by x). */
    private static double txOfX(double x, double[] xs, TimelineAxis axis) {
        int i = java.util.Arrays.binarySearch(xs, x);
        if (i < 0) {
            return axis.width();
        }
        // Clock events share x with the event after them; take the last event at this x.
        while (i + 1 < xs.length && xs[i + 1] == x) {
            i++;
        }
        return axis.tx(i);
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
