package dev.lockstep.timeline;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the HTML timeline draws, already laid out: lanes, marks, arrows, spans and time ticks on
 * two axes, the culprits and decisions of the failure, and the shown events they refer to. Built
 * by {@link TimelineLayout}, written into the page as JSON by {@link #toJson()}, drawn by the
 * page's script.
 *
 * <h2>The axes</h2>
 * Positions are in abstract units, not pixels; the page scales units to pixels with its zoom.
 * Every position comes twice. {@code x} is on the step axis: every drawn event takes one unit,
 * and a change of virtual time inserts a gap of one to three units (longer for longer jumps) with
 * a {@link Tick}. {@code tx} is on the time axis ({@link TimelineAxis}): events at one instant
 * one unit apart, the gaps between instants proportional to virtual time, long idle gaps folded.
 *
 * <h2>References</h2>
 * {@code event} fields index {@link #events()}; {@code lane} fields index {@link #lanes()}.
 *
 * @param lanes   top to bottom: the gutter, then per host group its network lane and task lanes
 * @param events  the shown events, in trace order
 * @param marks   one per drawn event, in trace order
 * @param arrows  wakes and messages
 * @param ticks   one per virtual instant, where it starts on the axis
 * @param width   the axis length in units, failure included
 * @param failure the failure drawn at the end, or {@code null}
 * @param spans   per task, the stretches it was runnable and pending
 * @param culprits the tasks the failure names ({@link TimelineCulprits})
 * @param decisions the choices with a non-zero value: what the failing schedule decided
 * @param axis    the time axis
 */
record TimelineModel(List<Lane> lanes, List<Shown> events, List<Mark> marks, List<Arrow> arrows,
        List<Tick> ticks, double width, Failure failure, List<Span> spans, List<Culprit> culprits,
        List<Decision> decisions, TimelineAxis axis) {

    TimelineModel {
        lanes = List.copyOf(lanes);
        events = List.copyOf(events);
        marks = List.copyOf(marks);
        arrows = List.copyOf(arrows);
        ticks = List.copyOf(ticks);
        spans = List.copyOf(spans);
        culprits = List.copyOf(culprits);
        decisions = List.copyOf(decisions);
    }

    /** What a task was doing over a span. */
    enum SpanKind {
        /** Woken or spawned, waiting for its poll. */
        RUNNABLE,
        /** Returned {@code Pending}, waiting for a wake. */
        PENDING;

        String css() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A task's span on lane {@code lane}, from event {@code from} to event {@code to}
     * ({@code -1}: still open at the end of the run), at {@code fx..toX} on the step axis and
     * {@code ftx..ttx} on the time axis.
     *
     * @param culprit whether it is the last Pending of a culprit task
     */
    record Span(SpanKind kind, int lane, int from, int to, double fx, double toX, double ftx, double ttx,
            boolean culprit) {
        Span {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * A task the failure names, with the lane it is on ({@code -1}: none shown), why, and the
     * shown event of its last Pending ({@code -1}: none).
     */
    record Culprit(int task, int lane, String reason, int lastPending) {
        Culprit {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A choice with a non-zero value, at {@code x} and {@code tx}, with a short label.
     *
     * @param event  the shown {@code Choice} event it is, or the one it was drawn after, or {@code -1}
     * @param index  its index in the run's choice sequence, or {@code -1} when not known
     * @param traced whether it is a schedule choice recorded in the trace (else a draw of the run's
     *               code, placed after the schedule choice drawn before it)
     */
    record Decision(int event, double x, double tx, String label, int index, boolean traced) {
        Decision {
            Objects.requireNonNull(label, "label");
        }
    }

    /** What a lane holds. */
    enum LaneKind {
        /** Events of no task: timers firing, clock, choices, faults and notes outside tasks. */
        GUTTER,
        /** A host's network events. */
        NET,
        /** One task's events. */
        TASK
    }

    /** How a mark is drawn; {@link #css()} is its class in the page. */
    enum MarkKind {
        SPAWN, POLL_READY, POLL_PENDING, POLL_FAILED, WAKE, END_OK, END_FAILED, END_ABORTED, CHOICE,
        TIMER_SET, TIMER_FIRED, TIMER_CANCELLED, NET_SEND, NET_DELIVER, NET_DROP, NET_FAULT, NET, FAULT, NOTE;

        /** The CSS class: the name in lower case with dashes. */
        String css() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** How an arrow is drawn; {@link #css()} is its class in the page. */
    enum ArrowKind {
        /** A task or the gutter woke a task. */
        WAKE,
        /** A wake that found its task already scheduled or finished. */
        WAKE_NOOP,
        /** A message from its send to its delivery. */
        MESSAGE,
        /** A message from its send to where it was dropped. */
        DROP,
        /** A message sent but neither delivered nor dropped by the end of the run. */
        IN_FLIGHT;

        /** The CSS class: the name in lower case with dashes. */
        String css() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * A horizontal lane.
     *
     * @param key   unique and stable: {@code gutter}, {@code net:<host>} or {@code task:<id>}
     * @param host  the host group ({@code ""}: tasks on no host), or {@code null} for the gutter
     * @param label the text shown at the lane's left
     * @param task  the task id, or {@code -1}
     */
    record Lane(String key, LaneKind kind, String host, String label, int task) {
        Lane {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(label, "label");
        }
    }

    /**
     * A shown event: step, virtual time and its {@code describe()} text; {@code carried} for a
     * wake that a poll's trace event carried, drawn as an event of its own (not one of the trace's
     * events, so not counted as one).
     */
    record Shown(long step, long nanos, String text, boolean carried) {
        Shown {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The mark of event {@code event} at {@code x} (and {@code tx}) on lane {@code lane}. */
    record Mark(int event, double x, int lane, MarkKind kind, double tx) {
        Mark {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * An arrow from {@code (fromX, fromLane)} to {@code (toX, toLane)}, for event {@code event}
     * (the wake, or the delivery or drop; the send for an arrow still in flight); {@code fromTx}
     * and {@code toTx} are the same ends on the time axis. A wake's arrow ends at the poll it
     * caused, or at the wake itself when no poll of its task followed.
     *
     * @param label drawn at the middle, such as the byte size of a message, or {@code ""}
     */
    record Arrow(ArrowKind kind, int fromLane, double fromX, int toLane, double toX, String label, int event,
            double fromTx, double toTx) {
        Arrow {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(label, "label");
        }
    }

    /**
     * The start of a virtual instant at {@code x}.
     *
     * @param event the {@code ClockAdvanced} event that began it, or {@code -1}
     */
    record Tick(double x, long nanos, int event) {}

    /**
     * The failure, at {@code x} (and {@code tx}) after the last event, on the lane of the task
     * that failed ({@code -1} when no task's failure is in the trace).
     */
    record Failure(double x, int lane, String text, double tx) {
        Failure {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Virtual time as the trace prints it: seconds with millisecond precision, finer where needed. */
    static String time(long nanos) {
        if (nanos % 1_000_000 == 0) {
            return String.format(Locale.ROOT, "%.3fs", nanos / 1e9);
        }
        return String.format(Locale.ROOT, "%.9fs", nanos / 1e9);
    }

    /**
     * A round time in the unit that suits it, without trailing zeros: {@code 250ns},
     * {@code 200µs}, {@code 1.5ms}, {@code 2s}.
     */
    static String shortTime(long nanos) {
        String[] units = {"ns", "\u00b5s", "ms", "s"};
        double v = nanos;
        int u = 0;
        while (u < 3 && Math.abs(v) >= 1000) {
            v /= 1000;
            u++;
        }
        String num = java.math.BigDecimal.valueOf(v).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
        return num + units[u];
    }

    /** This model as one JSON object (see {@link TimelineJson} for why it is script-safe). */
    String toJson() {
        TimelineJson j = new TimelineJson().beginObject();
        j.member("width", width);
        j.name("lanes").beginArray();
        for (Lane l : lanes) {
            j.beginObject().member("key", l.key()).member("kind", l.kind().name().toLowerCase(Locale.ROOT))
                    .member("host", l.host()).member("label", l.label()).member("task", l.task()).endObject();
        }
        j.endArray().name("events").beginArray();
        for (Shown e : events) {
            j.beginObject().member("s", e.step()).member("t", time(e.nanos())).member("n", e.nanos())
                    .member("d", e.text()).endObject();
        }
        j.endArray().name("marks").beginArray();
        for (Mark m : marks) {
            j.beginObject().member("e", m.event()).member("x", m.x()).member("tx", m.tx()).member("l", m.lane())
                    .member("k", m.kind().css()).endObject();
        }
        j.endArray().name("arrows").beginArray();
        for (Arrow a : arrows) {
            j.beginObject().member("k", a.kind().css()).member("fl", a.fromLane()).member("fx", a.fromX())
                    .member("tl", a.toLane()).member("tx", a.toX()).member("label", a.label())
                    .member("e", a.event()).member("ftt", a.fromTx()).member("ttt", a.toTx()).endObject();
        }
        j.endArray().name("ticks").beginArray();
        for (Tick t : ticks) {
            j.beginObject().member("x", t.x()).member("t", time(t.nanos())).member("e", t.event()).endObject();
        }
        j.endArray().name("failure");
        if (failure == null) {
            j.value((String) null);
        } else {
            j.beginObject().member("x", failure.x()).member("tx", failure.tx()).member("l", failure.lane())
                    .member("text", failure.text()).endObject();
        }
        j.name("spans").beginArray();
        for (Span s : spans) {
            j.beginObject().member("k", s.kind().css()).member("l", s.lane()).member("from", s.from())
                    .member("to", s.to()).member("x", s.fx()).member("x2", s.toX()).member("tx", s.ftx())
                    .member("tx2", s.ttx()).name("culprit").value(s.culprit()).endObject();
        }
        j.endArray().name("culprits").beginArray();
        for (Culprit c : culprits) {
            j.beginObject().member("task", c.task()).member("l", c.lane()).member("reason", c.reason())
                    .member("lastPending", c.lastPending()).endObject();
        }
        j.endArray().name("decisions").beginArray();
        for (Decision d : decisions) {
            j.beginObject().member("e", d.event()).member("x", d.x()).member("tx", d.tx()).member("label", d.label())
                    .member("i", d.index()).name("traced").value(d.traced()).endObject();
        }
        j.endArray().name("time");
        axis.toJson(j);
        return j.endObject().toString();
    }
}
