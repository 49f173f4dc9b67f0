package dev.lockstep.benchmarks.sidebyside;

import dev.lockstep.benchmarks.sidebyside.before.FenwickWakeQueue;
import dev.lockstep.benchmarks.sidebyside.before.HeapTimerQueue;
import dev.lockstep.benchmarks.sidebyside.before.NestedThen;
import dev.lockstep.benchmarks.sidebyside.before.RingRunQueue;
import dev.lockstep.benchmarks.timers.PlainTimers;
import dev.lockstep.benchmarks.timers.RandomDeadlines;
import dev.lockstep.benchmarks.timers.SimTimers;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;
import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.future.Waker;
import dev.lockstep.internal.schedule.WakeQueue;
import dev.lockstep.internal.timer.TimerEntry;
import dev.lockstep.internal.timer.TimerQueue;
import dev.lockstep.pin.Pin;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.testkit.Wakers;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Before/after rows of the data structures the executor's hot path uses (each "before" is main's
 * earlier implementation, run in the same JVM), and the timer rows.
 */
final class StructureRows {
    private StructureRows() {}

    static List<Outcome> all(int warmup, int rounds) {
        List<Outcome> out = new ArrayList<>();
        pins(out, warmup, rounds);
        runQueues(out, warmup, rounds);
        thenChains(out, warmup, rounds);
        timers(out, warmup, rounds);
        return out;
    }

    // ---------------------------------------------------------------- Pin

    private static void pins(List<Outcome> out, int warmup, int rounds) {
        Context cx = new Context(Wakers.noop(), Simulation.builder().build().handle());
        int n = 50_000;
        Future<Integer> ready = c -> Poll.ready(1); // stateless: may be polled through many pins
        // Polled 40 frames deep, about the depth of a poll inside a JUnit test.
        out.add(Interleaved.compare("first poll of a pinned future, 40 frames deep", "Lockstep: site as fields",
                Work.of(n, () -> deep(40, () -> firstPolls(cx, ready, n, false))), "before: stack recorded",
                Work.of(n, () -> deep(40, () -> firstPolls(cx, ready, n, true))), warmup, rounds));
    }

    private static long firstPolls(Context cx, Future<Integer> f, int n, boolean stack) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Pin.of(f, stack).poll(cx).value();
        }
        return sum;
    }

    private static long deep(int frames, Work.Timed body) throws Exception {
        return frames == 0 ? body.run() : deep(frames - 1, body) + 1;
    }

    // ---------------------------------------------------------------- run queue, TaskSet's ready list

    private static void runQueues(List<Outcome> out, int warmup, int rounds) {
        for (int n : new int[] {10, 1_000, 100_000}) {
            int ops = n >= 100_000 ? 20_000 : 400_000;
            out.add(Interleaved.compare("run queue, pick at a random index and re-add, n = " + String.format("%,d", n)
                    + " queued", "Lockstep: `WakeQueue`", queueWork(n, ops, Queue.NOW), "before: ring buffer",
                    queueWork(n, ops, Queue.RING), warmup, rounds));
        }
        for (int n : new int[] {1_000, 100_000}) {
            int ops = n >= 100_000 ? 20_000 : 400_000;
            out.add(Interleaved.compare("run queue's index, pick at a random index and re-add, n = "
                    + String.format("%,d", n) + " queued", "Lockstep: bitmap + Fenwick tree over words",
                    queueWork(n, ops, Queue.NOW), "before: Fenwick tree over slots", queueWork(n, ops, Queue.FENWICK),
                    warmup, rounds));
        }
        int n = 100_000;
        int ops = 20_000;
        out.add(Interleaved.compare("`TaskSet` ready list, pick at a random index and re-add, n = 100,000",
                "Lockstep: `WakeQueue`", queueWork(n, ops, Queue.NOW), "before: `ArrayList.remove(i)`",
                listWork(n, ops), warmup, rounds));
    }

    /** The run queues a row compares: today's, main's ring buffer, main's Fenwick tree over slots. */
    private enum Queue { NOW, RING, FENWICK }

    private static Work queueWork(int n, int ops, Queue kind) {
        return Work.of(ops, () -> {
            SplittableRandom random = new SplittableRandom(n);
            long sum = 0;
            switch (kind) {
                case NOW -> {
                    WakeQueue<Integer> q = new WakeQueue<>();
                    for (int i = 0; i < n; i++) {
                        q.add(i);
                    }
                    for (int i = 0; i < ops; i++) {
                        Integer x = q.removeAt(random.nextInt(q.size()));
                        sum += x;
                        q.add(x);
                    }
                }
                case RING -> {
                    RingRunQueue<Integer> q = new RingRunQueue<>();
                    for (int i = 0; i < n; i++) {
                        q.add(i);
                    }
                    for (int i = 0; i < ops; i++) {
                        Integer x = q.removeAt(random.nextInt(q.size()));
                        sum += x;
                        q.add(x);
                    }
                }
                case FENWICK -> {
                    FenwickWakeQueue<Integer> q = new FenwickWakeQueue<>();
                    for (int i = 0; i < n; i++) {
                        q.add(i);
                    }
                    for (int i = 0; i < ops; i++) {
                        Integer x = q.removeAt(random.nextInt(q.size()));
                        sum += x;
                        q.add(x);
                    }
                }
            }
            return sum;
        });
    }

    private static Work listWork(int n, int ops) {
        return Work.of(ops, () -> {
            SplittableRandom random = new SplittableRandom(n);
            ArrayList<Integer> q = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                q.add(i);
            }
            long sum = 0;
            for (int i = 0; i < ops; i++) {
                Integer x = q.remove(random.nextInt(q.size()));
                sum += x;
                q.add(x);
            }
            return sum;
        });
    }

    // ---------------------------------------------------------------- then chains

    private static void thenChains(List<Outcome> out, int warmup, int rounds) {
        int links = 2_000;
        out.add(Interleaved.compare("`then` chain of 2,000 links, pending at each (left-nested)", "Lockstep: one combinator",
                Work.of(links, () -> chain(links, false)), "before: nested combinators",
                Work.of(links, () -> chain(links, true)), warmup, rounds));
        int big = 200_000;
        out.add(Interleaved.compare("`then` chain of 200,000 links vs 2,000 (per link; B: 2,000)", "200,000 links",
                Work.of(big, () -> chain(big, false)), "2,000 links", Work.of(links, () -> chain(links, false)),
                warmup, rounds));
    }

    private static long chain(int links, boolean nested) {
        Future<Integer> f = Futures.yieldNow().map(v -> 0);
        for (int i = 0; i < links; i++) {
            Function<Integer, Future<Integer>> step = x -> Futures.yieldNow().map(v -> x + 1);
            f = nested ? new NestedThen<>(f, step) : f.then(step);
        }
        return Simulation.builder().seed(0).build().blockOn(f);
    }

    // ---------------------------------------------------------------- timers

    private static void timers(List<Outcome> out, int warmup, int rounds) {
        for (int n : new int[] {10, 1_000, 100_000}) {
            int fires = 300_000;
            out.add(Interleaved.compare("timer fired and re-added with n pending, n = " + String.format("%,d", n),
                    "Lockstep: `runAt`", Work.of(fires, () -> steadyTimers(n, fires)), "`PriorityQueue` loop (floor)",
                    Work.of(fires, () -> steadyQueue(n, fires)), warmup, rounds));
        }
        long[] deadlines = RandomDeadlines.draw(300_000, 42);
        out.add(Interleaved.compare("timer queue alone: 300,000 random deadlines added, then popped in order",
                "Lockstep: `TimerQueue` (radix heap)", Work.of(deadlines.length, () -> queueBulk(deadlines)),
                "before: 4-ary heap", Work.of(deadlines.length, () -> heapBulk(deadlines)), warmup, rounds));
        for (int n : new int[] {10, 100_000}) {
            int fires = 300_000;
            out.add(Interleaved.compare("timer queue alone: pop and re-add with n pending, n = "
                    + String.format("%,d", n),
                    "Lockstep: `TimerQueue`", Work.of(fires, () -> queueSteady(n, fires)), "before: 4-ary heap",
                    Work.of(fires, () -> heapSteady(n, fires)), warmup, rounds));
        }
        out.add(Interleaved.compare("random sleeps scheduled + fired, one task (300,000 per round)",
                "Lockstep: `wakeAt`", Work.of(deadlines.length, () -> SimTimers.wakeAt(deadlines)),
                "Reactor `VirtualTimeScheduler`", Work.of(deadlines.length,
                        () -> PlainTimers.virtualTimeScheduler(deadlines)), warmup, rounds));
    }

    private static final Runnable NOTHING = () -> {};

    private static long queueBulk(long[] deadlines) {
        TimerQueue q = new TimerQueue();
        for (long d : deadlines) {
            q.add(new TimerEntry(null, d, -1, "-", null, NOTHING));
        }
        long sum = 0;
        while (!q.isEmpty()) {
            sum += q.peekDeadline();
            sum += q.poll().deadlineNanos();
        }
        return sum;
    }

    private static long heapBulk(long[] deadlines) {
        HeapTimerQueue q = new HeapTimerQueue();
        for (long d : deadlines) {
            q.add(new HeapTimerQueue.Entry(d, NOTHING));
        }
        long sum = 0;
        while (!q.isEmpty()) {
            sum += q.peekDeadline();
            sum += q.poll().deadline();
        }
        return sum;
    }

    /** n timers pending; the earliest is popped and one is added at a random later deadline, as a clock would. */
    private static long queueSteady(int n, int fires) {
        SplittableRandom random = new SplittableRandom(5);
        TimerQueue q = new TimerQueue();
        for (int i = 0; i < n; i++) {
            q.add(new TimerEntry(null, 1 + random.nextLong(1_000_000), -1, "-", null, NOTHING));
        }
        long sum = 0;
        for (int i = 0; i < fires; i++) {
            long now = q.peekDeadline();
            sum += q.poll().deadlineNanos();
            q.add(new TimerEntry(null, now + 1 + random.nextLong(1_000_000), -1, "-", null, NOTHING));
        }
        return sum;
    }

    private static long heapSteady(int n, int fires) {
        SplittableRandom random = new SplittableRandom(5);
        HeapTimerQueue q = new HeapTimerQueue();
        for (int i = 0; i < n; i++) {
            q.add(new HeapTimerQueue.Entry(1 + random.nextLong(1_000_000), NOTHING));
        }
        long sum = 0;
        for (int i = 0; i < fires; i++) {
            long now = q.peekDeadline();
            sum += q.poll().deadline();
            q.add(new HeapTimerQueue.Entry(now + 1 + random.nextLong(1_000_000), NOTHING));
        }
        return sum;
    }

    /** One task keeps n timers pending: each fires and re-adds itself at a random later deadline. */
    private static long steadyTimers(int n, int fires) {
        Simulation sim = Simulation.builder().seed(0).build();
        SplittableRandom random = new SplittableRandom(5);
        int[] fired = {0};
        Waker[] root = {null};
        return sim.blockOn((Context cx) -> {
            RuntimeHandle rt = cx.runtime();
            if (root[0] == null) {
                root[0] = cx.waker();
                for (int i = 0; i < n; i++) {
                    rt.runAt(1 + random.nextLong(1_000_000), new Runnable() {
                        @Override
                        public void run() {
                            if (++fired[0] == fires) {
                                root[0].wakeByRef();
                            } else if (fired[0] < fires) {
                                rt.runAt(rt.nanos() + 1 + random.nextLong(1_000_000), this);
                            }
                        }
                    });
                }
            }
            return fired[0] >= fires ? Poll.ready(fired[0]) : Poll.pending();
        });
    }

    private record Entry(long deadline, long seq, Runnable action) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private static long steadyQueue(int n, int fires) {
        PriorityQueue<Entry> queue = new PriorityQueue<>();
        SplittableRandom random = new SplittableRandom(5);
        long[] now = {0};
        long[] seq = {0};
        int[] fired = {0};
        for (int i = 0; i < n; i++) {
            queue.add(new Entry(1 + random.nextLong(1_000_000), seq[0]++, new Runnable() {
                @Override
                public void run() {
                    if (++fired[0] < fires) {
                        queue.add(new Entry(now[0] + 1 + random.nextLong(1_000_000), seq[0]++, this));
                    }
                }
            }));
        }
        Entry e;
        while (fired[0] < fires && (e = queue.poll()) != null) {
            now[0] = e.deadline();
            e.action().run();
        }
        return fired[0];
    }
}
