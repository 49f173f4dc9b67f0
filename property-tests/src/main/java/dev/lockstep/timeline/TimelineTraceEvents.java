package dev.lockstep.timeline;

import dev.lockstep.timeline.TimelineModel.Arrow;
import dev.lockstep.timeline.TimelineModel.ArrowKind;
import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run in the Chrome trace-event JSON format, which Perfetto UI and {@code chrome://tracing}
 * open: one object {@code {"traceEvents":[...], "displayTimeUnit":"ms", "otherData":{...}}}.
 *
 * <h2>Processes and threads</h2>
 * Process 1 is {@code simulation}: the tasks on no host, and thread 0, {@code timers & events},
 * for what happens outside any task (timers firing, the clock, choices). Each host is a process of
 * its own, numbered from 2 in the order the host first appears, with a thread {@code network} (0)
 * and its tasks. A task is thread {@code id + 1}, named {@code 'name'#id}. Threads are sorted in
 * id order, network first.
 *
 * <h2>Time</h2>
 * {@code ts} is the run's virtual time in microseconds, except that every event takes at least
 * {@link #TICK_MICROS} after the one before it, so that events at the same virtual instant (every
 * poll takes no virtual time) keep their order and each poll is a visible slice. So a timestamp
 * is never earlier than the event's virtual time and is later by at most one tick per event
 * before it; each event's exact {@code step} and virtual time {@code t} are in its {@code args}.
 *
 * <h2>Events</h2>
 * <ul>
 *   <li>Every poll is a complete slice ({@code "ph":"X"}, category {@code poll}) on its task's
 *       thread, named {@code poll -> Ready} or {@code poll -> Pending} ({@code poll -> threw} for
 *       the last poll of a task that ended failed). It starts at the first event its task caused
 *       since the poll before it (a wake, a spawn, a timer set, a note, a fault) and ends one tick
 *       after the last of the events that directly follow the poll's own and belong to it (its
 *       task's end, the wakes of those awaiting it), so all those events lie inside it.
 *   <li>A wake that scheduled its task is a flow ({@code "ph":"s"} then {@code "ph":"f"}, category
 *       {@code wake}) from where it happened to the task's next poll: from inside the waking
 *       task's poll, or from a one-tick slice (category {@code wake}) on thread 0 for a timer or
 *       I/O wake. A wake with no effect, or that no poll followed, is an instant event.
 *   <li>Network sends, deliveries and drops are one-tick slices (category {@code net}) on the
 *       host's {@code network} thread; a message is a flow (category {@code message}) from its send
 *       to its delivery or drop, paired as the HTML timeline pairs them.
 *   <li>Injected faults are instant events of category {@code fault} on their task's thread;
 *       network faults (partition, crash, ...) are global instant events of category
 *       {@code fault}. The failure, if any, is a global instant event of category
 *       {@code failure} after the last event, with the failure's text.
 *   <li>Everything else (spawn, end, timers, choices, the clock, notes) is an instant event on
 *       its thread, named by its {@code describe()} text.
 * </ul>
 *
 * <h2>Escaping and determinism</h2>
 * Strings are written by {@link TimelineJson}, so any task name or message parses back unchanged.
 * The same events give the same bytes.
 */
final class TimelineTraceEvents {
    /** The least distance between two events on the time axis, in microseconds. */
    static final double TICK_MICROS = 1.0;

    /** The trace's events with the wakes its polls carry unfolded ({@code Trace.unfoldWakes}). */
    private final List<TraceEvent> events;
    /** How many trace events there are (the wakes unfolded not counted). */
    private final int traced;
    private final String title;
    private final String replay;
    private final String hashHex;
    private final String failureText;

    TimelineTraceEvents(List<TraceEvent> events, String title, String replay, String hashHex, String failureText) {
        // Wakes that polls carry become events of their own, where they happened: each is a flow.
        this.events = Trace.unfoldWakes(events);
        this.traced = events.size();
        this.title = title;
        this.replay = replay;
        this.hashHex = hashHex;
        this.failureText = failureText;
    }

    /** Where a task's events go. */
    private record Thread(int pid, int tid) {}

    /** The document. */
    String json() {
        int n = events.size();
        double[] ts = new double[n];
        double last = -TICK_MICROS;
        for (int i = 0; i < n; i++) {
            last = Math.max(events.get(i).nanos() / 1_000.0, last + TICK_MICROS);
            ts[i] = last;
        }
        Map<String, Integer> pidOfHost = new LinkedHashMap<>();
        pidOfHost.put("", 1);
        Map<Integer, String> hostOf = new HashMap<>();
        TreeMap<Integer, String> names = new TreeMap<>();
        Map<Integer, Integer> lastPollOfFailed = new HashMap<>();
        Map<Integer, Integer> lastPoll = new HashMap<>();
        for (int i = 0; i < n; i++) {
            TraceEvent e = events.get(i);
            switch (e) {
                case TraceEvent.Spawned s -> {
                    pidOfHost.putIfAbsent(s.host(), pidOfHost.size() + 1);
                    hostOf.put(s.task(), s.host());
                    names.put(s.task(), s.name());
                }
                case TraceEvent.Net net -> {
                    pidOfHost.putIfAbsent(net.host(), pidOfHost.size() + 1);
                    if (!net.peer().isEmpty()) {
                        pidOfHost.putIfAbsent(net.peer(), pidOfHost.size() + 1);
                    }
                }
                case TraceEvent.Polled p -> {
                    names.putIfAbsent(p.task(), p.name());
                    lastPoll.put(p.task(), i);
                }
                case TraceEvent.Completed c -> {
                    names.putIfAbsent(c.task(), c.name());
                    if (c.outcome() == TraceEvent.Outcome.FAILED && lastPoll.containsKey(c.task())) {
                        lastPollOfFailed.put(lastPoll.get(c.task()), c.task());
                    }
                }
                case TraceEvent.Woken w -> names.putIfAbsent(w.task(), w.name());
                default -> { }
            }
        }

        TimelineJson j = new TimelineJson().beginObject().name("traceEvents").beginArray();
        metadata(j, pidOfHost, hostOf, names);

        // Message pairs, by the event index of the delivery or drop: the index of the send.
        TimelineMessages messages = new TimelineMessages();
        for (int i = 0; i < n; i++) {
            if (events.get(i) instanceof TraceEvent.Net net) {
                messages.add(net, i, i, 0);
            }
        }
        Map<Integer, Integer> sendOf = new HashMap<>();
        for (Arrow a : messages.arrows(n, h -> 0)) {
            if (a.kind() == ArrowKind.MESSAGE || a.kind() == ArrowKind.DROP) {
                sendOf.put(a.event(), (int) a.fromX());
            }
        }

        // Whether each wake is followed by a poll of its task (a backward pass, so linear).
        boolean[] polledLater = new boolean[n];
        java.util.Set<Integer> polledAfter = new java.util.HashSet<>();
        for (int i = n - 1; i >= 0; i--) {
            TraceEvent e = events.get(i);
            if (e instanceof TraceEvent.Polled p) {
                polledAfter.add(p.task());
            } else if (e instanceof TraceEvent.Woken w) {
                polledLater[i] = w.scheduled() && polledAfter.contains(w.task());
            }
        }

        int windowStart = 0;
        int flowId = 0;
        Map<Integer, Integer> pendingWake = new HashMap<>(); // task -> flow id waiting for its next poll
        Map<Integer, Integer> flowOfSend = new HashMap<>();
        for (int i = 0; i < n; i++) {
            TraceEvent e = events.get(i);
            switch (e) {
                case TraceEvent.Polled p -> {
                    Thread t = thread(p.task(), hostOf, pidOfHost);
                    double start = ts[i];
                    for (int k = windowStart; k < i; k++) {
                        if (causedBy(events.get(k), p.task())) {
                            start = ts[k];
                            break;
                        }
                    }
                    // What the poll's end caused is recorded after its event: the task's end, the
                    // wakes of those awaiting it. The slice covers those too.
                    int end = i;
                    while (end + 1 < n && (causedBy(events.get(end + 1), p.task())
                            || events.get(end + 1) instanceof TraceEvent.Completed c && c.task() == p.task())) {
                        end++;
                    }
                    String result = lastPollOfFailed.containsKey(i) ? "threw" : p.ready() ? "Ready" : "Pending";
                    j.beginObject().member("name", "poll -> " + result).member("cat", "poll").member("ph", "X")
                            .member("ts", start).member("dur", ts[end] + TICK_MICROS - start);
                    thread(j, t);
                    args(j, e).endObject();
                    Integer flow = pendingWake.remove(p.task());
                    if (flow != null) {
                        j.beginObject().member("name", "wake").member("cat", "wake").member("ph", "f")
                                .member("bp", "e").member("id", flow).member("ts", start);
                        thread(j, t);
                        j.endObject();
                    }
                    windowStart = end + 1;
                }
                case TraceEvent.Woken w -> {
                    Thread from = w.byTask() >= 0 ? thread(w.byTask(), hostOf, pidOfHost) : new Thread(1, 0);
                    if (!polledLater[i]) {
                        instant(j, e, from, "t", "wake", ts[i]);
                    } else {
                        int id = ++flowId;
                        if (w.byTask() < 0) {
                            j.beginObject().member("name", e.describe()).member("cat", "wake").member("ph", "X")
                                    .member("ts", ts[i]).member("dur", TICK_MICROS);
                            thread(j, from);
                            args(j, e).endObject();
                        }
                        j.beginObject().member("name", "wake").member("cat", "wake").member("ph", "s")
                                .member("id", id).member("ts", ts[i]);
                        thread(j, from);
                        j.endObject();
                        pendingWake.put(w.task(), id);
                    }
                }
                case TraceEvent.Net net -> {
                    boolean slice = net.kind().equals("send") || net.kind().equals("deliver")
                            || net.kind().equals("drop");
                    String at = net.kind().equals("deliver") || net.kind().equals("drop") ? net.peer() : net.host();
                    Thread t = new Thread(pidOfHost.getOrDefault(at, 1), 0);
                    if (!slice) {
                        boolean fault = TimelineLayout.NET_FAULTS.contains(net.kind());
                        instant(j, e, t, fault ? "g" : "t", fault ? "fault" : "net", ts[i]);
                        continue;
                    }
                    j.beginObject().member("name", "net " + net.kind()).member("cat", "net").member("ph", "X")
                            .member("ts", ts[i]).member("dur", TICK_MICROS);
                    thread(j, t);
                    args(j, e).endObject();
                    if (net.kind().equals("send")) {
                        int id = ++flowId;
                        flowOfSend.put(i, id);
                        j.beginObject().member("name", "message").member("cat", "message").member("ph", "s")
                                .member("id", id).member("ts", ts[i]);
                        thread(j, t);
                        j.endObject();
                    } else {
                        Integer send = sendOf.get(i);
                        Integer id = send == null ? null : flowOfSend.get(send);
                        if (id != null) {
                            j.beginObject().member("name", "message").member("cat", "message").member("ph", "f")
                                    .member("bp", "e").member("id", id).member("ts", ts[i]);
                            thread(j, t);
                            j.endObject();
                        }
                    }
                }
                case TraceEvent.Fault f -> instant(j, e, thread(f.task(), hostOf, pidOfHost), "t", "fault", ts[i]);
                case TraceEvent.Spawned s -> instant(j, e, thread(s.task(), hostOf, pidOfHost), "t", "task", ts[i]);
                case TraceEvent.Completed c -> instant(j, e, thread(c.task(), hostOf, pidOfHost), "t", "task", ts[i]);
                case TraceEvent.Timer t -> instant(j, e, thread(t.task(), hostOf, pidOfHost), "t", "timer", ts[i]);
                case TraceEvent.Note note -> instant(j, e, thread(note.task(), hostOf, pidOfHost), "t", "note", ts[i]);
                case TraceEvent.Choice c -> instant(j, e, new Thread(1, 0), "t", "choice", ts[i]);
                case TraceEvent.ClockAdvanced c -> instant(j, e, new Thread(1, 0), "t", "clock", ts[i]);
            }
        }
        if (failureText != null) {
            j.beginObject().member("name", "failure").member("cat", "failure").member("ph", "i").member("s", "g")
                    .member("ts", (n == 0 ? 0 : ts[n - 1]) + TICK_MICROS).member("pid", 1).member("tid", 0)
                    .name("args").beginObject().member("failure", failureText).endObject().endObject();
        }
        j.endArray().member("displayTimeUnit", "ms").name("otherData").beginObject().member("title", title)
                .member("replay", replay).member("traceHash", hashHex).member("events", traced)
                .member("time", "virtual microseconds; events at one instant are " + TICK_MICROS + " us apart")
                .endObject();
        return j.endObject().toString();
    }

    /** Whether {@code e} happened inside a poll of {@code task}, before that poll's own event. */
    private static boolean causedBy(TraceEvent e, int task) {
        return switch (e) {
            case TraceEvent.Woken w -> w.byTask() == task;
            case TraceEvent.Spawned s -> s.parent() == task;
            case TraceEvent.Timer t -> t.task() == task && t.action() != TraceEvent.TimerAction.FIRED;
            case TraceEvent.Note note -> note.task() == task;
            case TraceEvent.Fault f -> f.task() == task;
            default -> false;
        };
    }

    private static Thread thread(int task, Map<Integer, String> hostOf, Map<String, Integer> pidOfHost) {
        if (task < 0) {
            return new Thread(1, 0);
        }
        return new Thread(pidOfHost.getOrDefault(hostOf.getOrDefault(task, ""), 1), task + 1);
    }

    private static void thread(TimelineJson j, Thread t) {
        j.member("pid", t.pid()).member("tid", t.tid());
    }

    private static TimelineJson args(TimelineJson j, TraceEvent e) {
        return j.name("args").beginObject().member("step", e.step()).member("t", TimelineModel.time(e.nanos()))
                .member("event", e.describe()).endObject();
    }

    private static void instant(TimelineJson j, TraceEvent e, Thread t, String scope, String cat, double ts) {
        j.beginObject().member("name", e.describe()).member("cat", cat).member("ph", "i").member("s", scope)
                .member("ts", ts);
        thread(j, t);
        args(j, e).endObject();
    }

    private static void metadata(TimelineJson j, Map<String, Integer> pidOfHost, Map<Integer, String> hostOf,
            TreeMap<Integer, String> names) {
        for (Map.Entry<String, Integer> h : pidOfHost.entrySet()) {
            int pid = h.getValue();
            String name = h.getKey().isEmpty() ? "simulation" : h.getKey();
            meta(j, "process_name", pid, 0, "name", name);
            meta(j, "process_sort_index", pid, 0, "sort_index", pid);
            meta(j, "thread_name", pid, 0, "name", h.getKey().isEmpty() ? "timers & events" : "network");
            meta(j, "thread_sort_index", pid, 0, "sort_index", 0);
        }
        for (Map.Entry<Integer, String> t : names.entrySet()) {
            int pid = pidOfHost.getOrDefault(hostOf.getOrDefault(t.getKey(), ""), 1);
            String name = t.getValue() == null || t.getValue().isEmpty() ? "task" : t.getValue();
            meta(j, "thread_name", pid, t.getKey() + 1, "name", "'" + name + "'#" + t.getKey());
            meta(j, "thread_sort_index", pid, t.getKey() + 1, "sort_index", t.getKey() + 1);
        }
    }

    private static void meta(TimelineJson j, String what, int pid, int tid, String key, Object value) {
        j.beginObject().member("name", what).member("ph", "M").member("pid", pid).member("tid", tid).name("args")
                .beginObject();
        if (value instanceof String s) {
            j.member(key, s);
        } else {
            j.member(key, ((Number) value).longValue());
        }
        j.endObject().endObject();
    }
}
