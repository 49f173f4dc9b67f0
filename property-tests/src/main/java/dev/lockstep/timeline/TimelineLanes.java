package dev.lockstep.timeline;

import dev.lockstep.timeline.TimelineModel.Lane;
import dev.lockstep.timeline.TimelineModel.LaneKind;
import dev.lockstep.trace.TraceEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The lanes of a timeline, grouped by host, and where each task's and host's events go.
 *
 * <h2>Order</h2>
 * Top to bottom: the gutter (events of no task); then the tasks on no host; then each host in the
 * order it first appears in the trace (spawn or network event), with its network lane first and
 * its tasks by id (spawn order). Only tasks and hosts with an event in the shown window get a
 * lane, but hosts and names are taken from the whole trace, so a task spawned before the window
 * still sits in its host's group.
 *
 * <h2>Determinism</h2>
 * The order depends only on the events; maps are only looked up, never iterated, except the
 * ordered ones.
 */
final class TimelineLanes {
    /** The gutter is always lane 0. */
    static final int GUTTER = 0;

    private final List<Lane> lanes = new ArrayList<>();
    private final Map<String, Integer> byKey = new HashMap<>();

    private TimelineLanes() {}

    /**
     * Plans the lanes for {@code shown}, a window of {@code all}.
     */
    static TimelineLanes plan(List<TraceEvent> all, List<TraceEvent> shown) {
        Map<Integer, String> hostOf = new HashMap<>();
        Map<Integer, String> nameOf = new HashMap<>();
        Set<String> hostOrder = new LinkedHashSet<>();
        hostOrder.add("");
        for (TraceEvent e : all) {
            if (e instanceof TraceEvent.Spawned s) {
                hostOf.put(s.task(), s.host());
                nameOf.put(s.task(), s.name());
                hostOrder.add(s.host());
            } else if (e instanceof TraceEvent.Net n) {
                hostOrder.add(n.host());
                hostOrder.add(n.peer());
            }
        }
        TreeMap<Integer, String> tasks = new TreeMap<>();
        Set<String> netHosts = new LinkedHashSet<>();
        for (TraceEvent e : shown) {
            switch (e) {
                case TraceEvent.Spawned s -> tasks.putIfAbsent(s.task(), s.name());
                case TraceEvent.Polled p -> tasks.putIfAbsent(p.task(), p.name());
                case TraceEvent.Woken w -> {
                    tasks.putIfAbsent(w.task(), w.name());
                    if (w.byTask() >= 0) {
                        tasks.putIfAbsent(w.byTask(), null);
                    }
                }
                case TraceEvent.Completed c -> tasks.putIfAbsent(c.task(), c.name());
                case TraceEvent.Timer t -> addIfTask(tasks, t.task(), t.name());
                case TraceEvent.Fault f -> addIfTask(tasks, f.task(), f.name());
                case TraceEvent.Note n -> addIfTask(tasks, n.task(), n.name());
                case TraceEvent.Net n -> {
                    netHosts.add(n.host());
                    netHosts.add(n.peer());
                }
                case TraceEvent.Choice c -> { }
                case TraceEvent.ClockAdvanced c -> { }
            }
        }
        netHosts.remove("");

        TimelineLanes plan = new TimelineLanes();
        plan.add(new Lane("gutter", LaneKind.GUTTER, null, "timers & events", -1));
        for (String host : hostOrder) {
            if (netHosts.contains(host)) {
                plan.add(new Lane(netKey(host), LaneKind.NET, host, "network", -1));
            }
            for (Map.Entry<Integer, String> t : tasks.entrySet()) {
                int id = t.getKey();
                if (hostOf.getOrDefault(id, "").equals(host)) {
                    String name = nameOf.getOrDefault(id, t.getValue());
                    plan.add(new Lane(taskKey(id), LaneKind.TASK, host, label(id, name), id));
                }
            }
        }
        return plan;
    }

    /** The lanes, top to bottom. */
    List<Lane> lanes() {
        return List.copyOf(lanes);
    }

    /** The lane of {@code task}, or the gutter for {@code -1} or a task without a lane. */
    int task(int task) {
        return task < 0 ? GUTTER : byKey.getOrDefault(taskKey(task), GUTTER);
    }

    /** The network lane of {@code host}, or the gutter for {@code ""}. */
    int net(String host) {
        return byKey.getOrDefault(netKey(host), GUTTER);
    }

    /** Whether {@code task} has a lane of its own. */
    boolean hasTask(int task) {
        return task >= 0 && byKey.containsKey(taskKey(task));
    }

    private void add(Lane lane) {
        byKey.put(lane.key(), lanes.size());
        lanes.add(lane);
    }

    private static void addIfTask(Map<Integer, String> tasks, int task, String name) {
        if (task >= 0) {
            tasks.putIfAbsent(task, name);
        }
    }

    private static String label(int id, String name) {
        return (name == null || name.isEmpty() ? "task" : name) + " #" + id;
    }

    private static String taskKey(int task) {
        return "task:" + task;
    }

    private static String netKey(String host) {
        return "net:" + host;
    }
}
