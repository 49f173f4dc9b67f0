package dev.lockstep.timeline;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the HTML timeline draws, already laid out: lanes, marks, arrows and time ticks on a
 * combined axis, and the shown events they refer to. Built by {@link TimelineLayout}, written
 * into the page as JSON by {@link #toJson()}, drawn by the page's script.
 *
 * <h2>The axis</h2>
 * {@code x} is in abstract units, not pixels: every drawn event takes one unit, and a change of
 * virtual time inserts a gap of one to three units (longer for longer jumps) with a {@link Tick}.
 * So events at the same virtual instant stay apart in their order, and the page scales units to
 * pixels with its zoom.
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
 */
record TimelineModel(List<Lane> lanes, List<Shown> events, List<Mark> marks, List<Arrow> arrows,
        List<Tick> ticks, double width, Failure failure) {

    TimelineModel {
        lanes = List.copyOf(lanes);
        events = List.copyOf(events);
        marks = List.copyOf(marks);
        arrows = List.copyOf(arrows);
        ticks = List.copyOf(ticks);
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

    /** A shown event: step, virtual time and its {@code describe()} text. */
    record Shown(long step, long nanos, String text) {
        Shown {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The mark of event {@code event} at {@code x} on lane {@code lane}. */
    record Mark(int event, double x, int lane, MarkKind kind) {
        Mark {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * An arrow from {@code (fromX, fromLane)} to {@code (toX, toLane)}, for event {@code event}
     * (the wake, or the delivery or drop; the send for an arrow still in flight).
     *
     * @param label drawn at the middle, such as the byte size of a message, or {@code ""}
     */
    record Arrow(ArrowKind kind, int fromLane, double fromX, int toLane, double toX, String label, int event) {
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
     * The failure, at {@code x} after the last event, on the lane of the task that failed
     * ({@code -1} when no task's failure is in the trace).
     */
    record Failure(double x, int lane, String text) {
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
            j.beginObject().member("s", e.step()).member("t", time(e.nanos())).member("d", e.text()).endObject();
        }
        j.endArray().name("marks").beginArray();
        for (Mark m : marks) {
            j.beginObject().member("e", m.event()).member("x", m.x()).member("l", m.lane())
                    .member("k", m.kind().css()).endObject();
        }
        j.endArray().name("arrows").beginArray();
        for (Arrow a : arrows) {
            j.beginObject().member("k", a.kind().css()).member("fl", a.fromLane()).member("fx", a.fromX())
                    .member("tl", a.toLane()).member("tx", a.toX()).member("label", a.label())
                    .member("e", a.event()).endObject();
        }
        j.endArray().name("ticks").beginArray();
        for (Tick t : ticks) {
            j.beginObject().member("x", t.x()).member("t", time(t.nanos())).member("e", t.event()).endObject();
        }
        j.endArray().name("failure");
        if (failure == null) {
            j.value((String) null);
        } else {
            j.beginObject().member("x", failure.x()).member("l", failure.lane()).member("text", failure.text())
                    .endObject();
        }
        return j.endObject().toString();
    }
}
