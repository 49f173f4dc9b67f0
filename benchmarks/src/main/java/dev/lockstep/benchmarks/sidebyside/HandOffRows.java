package dev.lockstep.benchmarks.sidebyside;

import dev.lockstep.benchmarks.sidebyside.before.ChainWaker;
import dev.lockstep.benchmarks.sidebyside.before.TwoEventTrace;
import dev.lockstep.future.RawWaker;
import dev.lockstep.future.RawWakerVTable;
import dev.lockstep.future.Waker;
import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Before/after rows of the parts of a hand-off changed for issue 17 (each "before" is main's
 * earlier implementation, kept in {@link dev.lockstep.benchmarks.sidebyside.before}): the trace of
 * a hand-off, one event now where it was two, and the wake through a task's waker.
 */
final class HandOffRows {
    private HandOffRows() {}

    static List<Outcome> all(int warmup, int rounds) {
        List<Outcome> out = new ArrayList<>();
        int n = 400_000;
        out.add(Interleaved.compare("trace of one hand-off (default retention)",
                "Lockstep: one `Polled` carrying its wake", Work.of(n, () -> {
                    Trace trace = new Trace(10_000);
                    for (int i = 0; i < n; i++) {
                        trace.add(new TraceEvent.Polled(i, 0, 6, "ring-6", false, 5, "task", 1));
                    }
                    return trace.hash();
                }), "before: `Woken` + `Polled`", Work.of(n, () -> {
                    TwoEventTrace trace = new TwoEventTrace(10_000);
                    for (int i = 0; i < n; i++) {
                        trace.handOff(2L * i, 6, "ring-6", 5);
                    }
                    return trace.hash();
                }), warmup, rounds));
        int wakes = 2_000_000;
        out.add(Interleaved.compare("`wakeByRef` of 100 wakers in turn (a counter behind each)",
                "Lockstep: `Waker` keeps its functions", wakerWork(wakes, false), "before: through `RawWaker` and vtable",
                wakerWork(wakes, true), warmup, rounds));
        return out;
    }

    private static Work wakerWork(int wakes, boolean chain) {
        int[] counts = new int[100];
        RawWakerVTable[] self = new RawWakerVTable[1];
        self[0] = new RawWakerVTable(d -> new RawWaker(d, self[0]), d -> counts[(Integer) d]++,
                d -> counts[(Integer) d]++, d -> { });
        Waker[] wakers = new Waker[100];
        ChainWaker[] chains = new ChainWaker[100];
        for (int i = 0; i < 100; i++) {
            RawWaker raw = new RawWaker(i, self[0]);
            wakers[i] = new Waker(raw);
            chains[i] = new ChainWaker(raw);
        }
        return Work.of(wakes, () -> {
            for (int i = 0, k = 0; i < wakes; i++, k = k == 99 ? 0 : k + 1) {
                if (chain) {
                    chains[k].wakeByRef();
                } else {
                    wakers[k].wakeByRef();
                }
            }
            return counts[7];
        });
    }
}
