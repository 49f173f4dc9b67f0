package dev.lockstep.benchmarks.sidebyside;

import dev.lockstep.async.Async;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;
import dev.lockstep.internal.generator.GeneratorFactory;
import dev.lockstep.internal.generator.Generators;
import dev.lockstep.runtime.Simulation;
import java.util.ArrayList;
import java.util.List;

/**
 * The await rows: a round trip of {@code a.await(yieldNow())} on the continuation backend against
 * its floor (the same executor hand-off resuming a raw {@code Continuation} that yields, with a
 * hand-written poll), and the virtual-thread backend idle and with CPU hogs running (wall time:
 * its cost under load is waiting for a core, which thread CPU time does not see): its round trip
 * in a long run, and a whole run that awaits once (the fixed cost of a run on that backend: the
 * first hand-off from the caller's platform thread, and the move to a virtual driver).
 */
final class AwaitRows {
    private AwaitRows() {}

    static List<Outcome> all(int warmup, int rounds) {
        List<Outcome> out = new ArrayList<>();
        int awaits = 200_000;
        if (RawContinuation.available() && Generators.continuations().isPresent()) {
            GeneratorFactory continuations = Generators.continuations().get();
            out.add(Interleaved.compare("await round trip, continuation backend", "Lockstep: `a.await(yieldNow())`",
                    Work.of(awaits, () -> asyncLoop(continuations, awaits)),
                    "floor: raw `Continuation` yield+run, hand-written poll", Work.of(awaits, () -> floor(awaits)),
                    warmup, rounds));
        }
        // The virtual-thread rows: the round trip in a long run (20,000 awaits, so the run's fixed
        // cost is a small part), and that fixed cost alone, as runs that await once.
        int threadAwaits = 20_000;
        int shortRuns = 100;
        GeneratorFactory threads = Generators.threads();
        Work idle = Wall.of(threadAwaits, () -> asyncLoop(threads, threadAwaits));
        Work oneAwait = Wall.of(shortRuns, () -> {
            long sum = 0;
            for (int i = 0; i < shortRuns; i++) {
                sum += asyncLoop(threads, 1);
            }
            return sum;
        });
        Outcome quiet = Interleaved.alone("await round trip, virtual-thread backend, wall time, no hog", "Lockstep",
                idle, warmup, rounds);
        out.add(quiet);
        Outcome quietRun = Interleaved.alone("whole run with one await, virtual-thread backend, wall time, no hog",
                "Lockstep", oneAwait, warmup, rounds);
        out.add(quietRun);
        try (CpuHogs hogs = CpuHogs.start(2)) {
            out.add(loaded(Interleaved.alone("await round trip, virtual-thread backend, wall time, 2 CPU hog threads",
                    "Lockstep", idle, 0, rounds), quiet));
            out.add(loaded(Interleaved.alone("whole run with one await, virtual-thread backend, wall time, 2 CPU hog"
                    + " threads", "Lockstep", oneAwait, 0, rounds), quietRun));
        }
        return out;
    }

    /** A row measured with the hogs running, with its idle twin as B. */
    private static Outcome loaded(Outcome loaded, Outcome quiet) {
        return new Outcome(loaded.row() + " (B: no hog)", loaded.a(), loaded.aNs(), "same, no hog", quiet.aNs(),
                new double[] {quiet.aNs() / loaded.aNs()}, quiet.aNs() / loaded.aNs(), loaded.gcMillisA(), 0);
    }

    private static long asyncLoop(GeneratorFactory backend, int awaits) {
        Simulation sim = Simulation.builder().seed(0).build();
        sim.install(GeneratorFactory.class, backend);
        return sim.blockOn(Async.async(a -> {
            int n = 0;
            while (n < awaits) {
                a.await(Futures.yieldNow());
                n++;
            }
            return n;
        }));
    }

    /** The floor: each poll wakes the task and resumes a continuation that yields once per round trip. */
    private static long floor(int awaits) {
        int[] n = {0};
        RawContinuation body = new RawContinuation(() -> {
            while (n[0] < awaits) {
                n[0]++;
                RawContinuation.yieldNow();
            }
        });
        Future<Integer> loop = (Context cx) -> {
            if (body.run()) {
                return Poll.ready(n[0]);
            }
            cx.waker().wakeByRef();
            return Poll.pending();
        };
        return Simulation.builder().seed(0).build().blockOn(loop);
    }
}
