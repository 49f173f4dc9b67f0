package dev.lockstep.benchmarks.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of the table, in the order, with their targets (issue 8; the heartbeat's comes
 * from issue 6, virtual-io). A row without a target in the issues has target 0.
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
        rows.add(Row.versus("1 breakdown", "trace append of one hand-off's event (a Polled carrying its wake)",
                "TraceAppendBenchmark.handOffEvent", "WakePollBenchmark.lockstep[tasks=100]",
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
        rows.add(Row.versus("4 async/await",
                "await round trips/s (`a.await(yieldNow())` in a loop), continuation backend",
                "AwaitBenchmark.continuation", "AwaitBenchmark.handWritten", "hand-written poll state machine", 0));
        rows.add(Row.versus("4 async/await", "same, virtual-thread backend",
                "AwaitBenchmark.thread", "AwaitBenchmark.handWritten", "hand-written poll state machine", 0));
        rows.add(Row.versus("5 virtual-io", "64-byte echo round trips/s, simulated TCP (2 hosts, default link)",
                "EchoBenchmark.simulated", "EchoBenchmark.loopback", "real loopback, `RealRuntime` + `NioReactor`", 0));
        rows.add(Row.versusRate("5 virtual-io", "virtual s per wall s, 100-host heartbeat (10 virtual min per run)",
                "HeartbeatBenchmark.hundredHosts", 720, "target 1 h virtual in 5 s (issue 6)"));
        rows.add(Row.versus("6 sim-agent", "runs/s of row 3's scenario (nothing escapes), agent self-attached",
                "AgentRunBenchmark.withAgent", "AgentRunBenchmark.withoutAgent", "same runs, JVM without the agent",
                0.9));
        return rows;
    }
}
