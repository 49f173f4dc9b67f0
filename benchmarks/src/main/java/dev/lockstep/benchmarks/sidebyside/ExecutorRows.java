package dev.lockstep.benchmarks.sidebyside;

import dev.lockstep.benchmarks.executor.RunnableRing;
import dev.lockstep.benchmarks.executor.TokenRing;
import dev.lockstep.benchmarks.runs.PingPong;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.property.Property;
import dev.lockstep.property.RunSeeds;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.runtime.TaskSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The executor's rows: hand-offs against an {@code ArrayDeque<Runnable>} loop and a
 * single-thread executor, whole runs, a property run against a bare simulation loop, and growth
 * (a poll with n tasks runnable, a {@code TaskSet} poll with n children ready, the whole time per
 * task of making n tasks runnable at once and running them).
 */
final class ExecutorRows {
    private ExecutorRows() {}

    static List<Outcome> all(int warmup, int rounds) throws InterruptedException {
        List<Outcome> out = new ArrayList<>();
        handOffs(out, warmup, rounds);
        wholeRuns(out, warmup, rounds);
        growth(out, warmup, rounds);
        return out;
    }

    // ---------------------------------------------------------------- hand-offs

    private static void handOffs(List<Outcome> out, int warmup, int rounds) throws InterruptedException {
        long handOffs = 400_000; // spawning 100 tasks is under 0.2 % of a round
        Work ring = Work.of(handOffs, () -> TokenRing.run(100, handOffs));
        out.add(Interleaved.compare("hand-off, 100 tasks, trace and choices on", "Lockstep", ring,
                "bare `ArrayDeque<Runnable>` loop", Work.of(handOffs, () -> RunnableRing.onArrayDeque(100, handOffs)),
                warmup, rounds));
        Thread[] worker = new Thread[1];
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            worker[0] = new Thread(r, "baseline-executor");
            return worker[0];
        });
        try {
            executor.submit(() -> {}).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
        Work resubmit = new Work() {
            @Override
            public Timed prepare() {
                return () -> {
                    RunnableRing.onExecutor(executor, 100, handOffs);
                    return 1;
                };
            }

            @Override
            public long units() {
                return handOffs;
            }

            @Override
            public long helperCpuNanos() {
                return Interleaved.cpuOf(worker[0].threadId());
            }
        };
        out.add(Interleaved.compare("hand-off, 100 tasks (CPU of both threads for the executor)", "Lockstep", ring,
                "`newSingleThreadExecutor()` resubmission", resubmit, warmup, rounds));
        executor.shutdown();
    }

    // ---------------------------------------------------------------- whole runs

    private static void wholeRuns(List<Outcome> out, int warmup, int rounds) {
        int runs = 4_000;
        out.add(Interleaved.alone("whole run, two-task channel scenario (~50 polls), one core", "Lockstep", Work.of(runs, () -> {
            long h = 0;
            for (int i = 0; i < runs; i++) {
                h += PingPong.run(i).traceHash();
            }
            return h;
        }), warmup, rounds));

        int n = 4_000;
        Consumer<Simulation> scenario = ExecutorRows::threeTasks;
        Work property = Work.of(n, () -> {
            Property.of("side-by-side", scenario).runs(n).warnings(w -> {}).check().assertPassed();
            return 1;
        });
        Work bare = Work.of(n, () -> {
            long h = 0;
            for (int i = 0; i < n; i++) {
                Simulation sim = Simulation.builder().seed(RunSeeds.of(7, i)).build();
                scenario.accept(sim);
                h += sim.traceHash();
            }
            return h;
        });
        out.add(Interleaved.compare("per-run cost of a property run (`@SimTest`'s engine), 3-task scenario",
                "bare `Simulation` loop", bare, "`Property.check()`", property, warmup, rounds));
    }

    /** Three tasks: two yield once each, the main one awaits both. */
    private static void threeTasks(Simulation sim) {
        var a = sim.spawn("a", Futures.yieldNow());
        var b = sim.spawn("b", Futures.yieldNow());
        sim.blockOn(Futures.join(a, b));
    }

    // ---------------------------------------------------------------- growth

    private static void growth(List<Outcome> out, int warmup, int rounds) {
        Work pollAt10 = pollsAt(10);
        for (int n : new int[] {1_000, 100_000}) {
            out.add(Interleaved.compare("poll with n runnable, n = " + String.format("%,d", n) + " (B: n = 10)",
                    "n = " + String.format("%,d", n), pollsAt(n), "n = 10", pollAt10, warmup, rounds));
        }
        Work setAt10 = taskSetAt(10);
        for (int n : new int[] {1_000, 100_000}) {
            out.add(Interleaved.compare("`TaskSet` child poll with n ready, n = " + String.format("%,d", n) + " (B: n = 10)",
                    "n = " + String.format("%,d", n), taskSetAt(n), "n = 10", setAt10, warmup, rounds));
        }
        Work perTask10 = perTask(10, 20_000);
        for (int n : new int[] {1_000, 100_000, 1_000_000}) {
            int rep = Math.max(1, 200_000 / n);
            out.add(Interleaved.compare("time per task: n tasks made runnable at once and run (spawn, 2 polls), n = "
                    + String.format("%,d", n) + " (B: n = 10)", "n = " + String.format("%,d", n), perTask(n, rep), "n = 10",
                    perTask10, n >= 1_000_000 ? 0 : warmup, n >= 1_000_000 ? 1 : rounds)); // 1M: one round pair, seconds each
        }
    }

    /** n spinners in one simulation, spawned outside the timed part; polls in all about 300,000. */
    private static Work pollsAt(int n) {
        int pendings = Math.max(2, 300_000 / n);
        return new Work() {
            @Override
            public Timed prepare() {
                Simulation sim = Simulation.builder().seed(1).build();
                Spinners group = new Spinners(n);
                for (int i = 0; i < n; i++) {
                    sim.spawn("s", group.spinner(pendings));
                }
                return () -> sim.blockOn(group.allDone()) + sim.step();
            }

            @Override
            public long units() {
                return (long) n * (pendings + 1);
            }
        };
    }

    /** One task polling a {@code TaskSet} of n spinners until all are done. */
    private static Work taskSetAt(int n) {
        int pendings = Math.max(2, 300_000 / n);
        return new Work() {
            @Override
            public Timed prepare() {
                Simulation sim = Simulation.builder().seed(1).build();
                TaskSet<Integer> set = TaskSet.create();
                Spinners group = new Spinners(n);
                for (int i = 0; i < n; i++) {
                    set.add(group.spinner(pendings));
                }
                return () -> sim.blockOn(set.collectAll()).size() + sim.step();
            }

            @Override
            public long units() {
                return (long) n * (pendings + 1);
            }
        };
    }

    /** {@code rep} times: a fresh simulation whose main task spawns n tasks (each yields once) and awaits them. */
    private static Work perTask(int n, int rep) {
        return Work.of((long) n * rep, () -> {
            long steps = 0;
            for (int r = 0; r < rep; r++) {
                Simulation sim = Simulation.builder().seed(r).build();
                Spinners group = new Spinners(n);
                Future<Integer> done = group.allDone();
                boolean[] spawned = {false};
                steps += sim.blockOn((Future<Integer>) cx -> {
                    if (!spawned[0]) {
                        spawned[0] = true;
                        for (int i = 0; i < n; i++) {
                            cx.runtime().spawn("t", group.spinner(1));
                        }
                    }
                    return done.poll(cx);
                });
                steps += sim.step();
            }
            return steps;
        });
    }
}
