package dev.lockstep.benchmarks.async;

import dev.lockstep.async.Async;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.internal.generator.GeneratorFactory;
import dev.lockstep.runtime.Simulation;

/**
 * The scenario of the async/await row: one task awaits {@code Futures.yieldNow()} again and again.
 * A {@code yieldNow} is pending at its first poll (after waking its own task) and ready at its
 * second, so each await is one round trip through the executor: the body suspends, the task's
 * poll returns {@code Pending}, the executor polls the task again, and the body resumes.
 *
 * <p>The async body runs on the generator backend installed on its simulation as the
 * {@link GeneratorFactory} service, whatever the JVM's default; the baseline is the same loop as
 * a hand-written poll state machine ({@link YieldLoop}). Both run on a fresh simulation with
 * seed 0, the trace on (default retention, hash of every event).
 */
final class AwaitRoundTrips {
    private AwaitRoundTrips() {}

    /**
     * Runs {@code awaits} round trips in an async body on {@code backend}.
     *
     * @return the number of polls the simulation made (about {@code awaits + 1})
     */
    static long async(GeneratorFactory backend, int awaits) {
        Simulation sim = Simulation.builder().seed(0).build();
        sim.install(GeneratorFactory.class, backend);
        return run(sim, Async.async(a -> {
            int n = 0;
            while (n < awaits) {
                a.await(Futures.yieldNow());
                n++;
            }
            return n;
        }), awaits);
    }

    /**
     * Runs {@code awaits} round trips in the hand-written {@link YieldLoop}.
     *
     * @return the number of polls the simulation made (about {@code awaits + 1})
     */
    static long handWritten(int awaits) {
        return run(Simulation.builder().seed(0).build(), new YieldLoop(awaits), awaits);
    }

    private static long run(Simulation sim, Future<Integer> loop, int awaits) {
        int done = sim.blockOn(loop);
        if (done != awaits) {
            throw new IllegalStateException(done + " of " + awaits + " awaits completed");
        }
        return sim.step();
    }
}
