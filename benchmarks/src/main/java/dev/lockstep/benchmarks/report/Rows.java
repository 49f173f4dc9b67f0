package dev.lockstep.benchmarks.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of the table, in the order, with their targets (issue 8). Rows 4 and 5 wait
 * for features not yet landed and are printed as pending by {@link Table}.
 */
final class Rows {
    private Rows() {}

    /** Every row measurable now. */
    static List<Row> all() {
        List<Row> rows = new ArrayList<>();
        for (String n : List.of("1", "100", "10000")) {
            String tasks = "[tasks=" + n + "]";
            String label = String.format("%,d", Integer.parseInt(n));
            rows.add(Row.versus("1 executor", "wake→poll hand-offs/s, " + label + (n.equals("1") ? " task" : " tasks"),
                    "WakePollBenchmark.lockstep" + tasks, "WakePollBenchmark.arrayDeque" + tasks,
                    "bare `ArrayDeque<Runnable>` loop", 0.5));
            rows.add(Row.versus("1 executor", "wake→poll hand-offs/s, " + label + (n.equals("1") ? " task" : " tasks"),
                    "WakePollBenchmark.lockstep" + tasks, "WakePollBenchmark.singleThreadExecutor" + tasks,
                    "`newSingleThreadExecutor()` resubmission", 5.0));
        }
        rows.add(Row.versus("1 breakdown", "trace append of one hand-off's 2 events (Woken + Polled)",
                "TraceAppendBenchmark.twoEvents", "WakePollBenchmark.lockstep[tasks=100]",
                "Lockstep hand-off, 100 tasks", 0));
        rows.add(Row.versus("2 timers", "1M random sleeps scheduled+fired/s: one task, `wakeAt` each",
                "TimerBenchmark.lockstepWakeAt", "TimerBenchmark.virtualTimeScheduler", "Reactor `VirtualTimeScheduler`",
                2.0));
        rows.add(Row.versus("2 timers", "same, one task, `runAt` action each (no wake/poll)",
                "TimerBenchmark.lockstepRunAt", "TimerBenchmark.virtualTimeScheduler", "Reactor `VirtualTimeScheduler`",
                2.0));
        rows.add(Row.versus("2 timers", "same, 1,000 tasks × 1,000 `Sleep`s each (heap ≤ 1,000)",
                "TimerBenchmark.lockstepSleepingTasks", "TimerBenchmark.virtualTimeScheduler",
                "Reactor `VirtualTimeScheduler`", 2.0));
        rows.add(Row.versus("2 timers", "same, one task, `wakeAt` each",
                "TimerBenchmark.lockstepWakeAt", "TimerBenchmark.priorityQueue", "`PriorityQueue` loop (floor)", 0));
        rows.add(Row.versusRate("3 whole runs", "runs/s of a 2-task channel scenario (~48 polls), 1 thread",
                "WholeRunBenchmark.oneThread", 50_000, "target 50,000 runs/s"));
        rows.add(Row.versus("3 whole runs", "same, runs spread over all cores (fixed pool, 1 thread per core)",
                "WholeRunBenchmark.allCores", "WholeRunBenchmark.oneThread", "same batch on 1 thread", 1.7));
        return rows;
    }
}
