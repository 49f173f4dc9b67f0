package com.example.outside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.agent.testing.RealThreads;
import dev.lockstep.async.Async;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.time.Sleep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A rewritten call finds the simulation of its own thread, and only that one: with runs nested on
 * one thread, with a thread that inherited a run and ran one of its own, and with simulations
 * running on several threads at once (the lookup's fast path, the run entered last, changes hands
 * between them).
 */
class RunLookupTest extends AgentTestCase {
    private static final long HOUR = Duration.ofHours(1).toNanos();
    private static final long FIVE_SECONDS = Duration.ofSeconds(5).toNanos();
    private static final long SEVEN_SECONDS = Duration.ofSeconds(7).toNanos();

    @Test
    void aRunNestedInATaskReadsItsOwnClockAndTheOuterOneReadsItsOwnAfterIt() {
        Simulation outer = Simulation.builder().seed(1).build();
        Simulation inner = Simulation.builder().seed(2).build();
        long[] read = outer.blockOn(Sleep.of(Duration.ofHours(1)).map(d -> {
            long before = System.nanoTime();
            long nested = inner.blockOn(Sleep.of(Duration.ofSeconds(5)).map(x -> System.nanoTime()));
            return new long[] {before, nested, System.nanoTime()};
        }));
        assertEquals(HOUR, read[0], "the outer run before the nested one");
        assertEquals(FIVE_SECONDS, read[1], "the nested run");
        assertEquals(HOUR, read[2], "the outer run after the nested one");
    }

    /**
     * Thread U starts in the outer run's task, so it inherits that run; it runs a simulation of its
     * own and ends it while the outer thread is inside a nested run. Neither thread may then read
     * the outer run's clock: the nested run is the outer thread's, and U is in none.
     */
    @Test
    void aThreadThatInheritedARunAndEndedItsOwnLeavesEveryThreadWithItsOwnRun() {
        Simulation outer = Simulation.builder().seed(1).build();
        Simulation nested = Simulation.builder().seed(2).build();
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        long[] onU = new long[2];
        long[] read = outer.blockOn(Sleep.of(Duration.ofHours(1)).map(d -> {
            Thread u = RealThreads.start("inherits-the-outer-run", () -> {
                RealThreads.await(go);
                Simulation own = Simulation.builder().seed(3).build();
                onU[0] = own.blockOn(Sleep.of(Duration.ofSeconds(7)).map(x -> System.nanoTime()));
                onU[1] = System.nanoTime();
                done.countDown();
            });
            long inNested = nested.blockOn(Sleep.of(Duration.ofSeconds(5)).map(x -> {
                go.countDown();
                RealThreads.await(done);
                return System.nanoTime();
            }));
            RealThreads.join(u);
            return new long[] {inNested, System.nanoTime()};
        }));
        assertEquals(SEVEN_SECONDS, onU[0], "U's own run");
        assertTrue(onU[1] != HOUR && onU[1] != FIVE_SECONDS && onU[1] != SEVEN_SECONDS,
                "U after its run reads the real clock, got " + onU[1]);
        assertEquals(FIVE_SECONDS, read[0], "the nested run, read after U ended its own");
        assertEquals(HOUR, read[1], "the outer run");
    }

    /** Each seed gives the same result and trace hash on four threads at once as alone. */
    @Test
    void simulationsOnSeveralThreadsAtOnceReplayAsTheyDoAlone() {
        int seeds = 60;
        List<String> alone = new ArrayList<>();
        for (int seed = 0; seed < seeds; seed++) {
            alone.add(run(seed));
        }
        Map<Integer, String> failures = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            int offset = k * 15;
            threads.add(RealThreads.start("parallel-" + k, () -> {
                for (int i = 0; i < seeds; i++) {
                    int seed = (offset + i) % seeds;
                    String got = run(seed);
                    if (!got.equals(alone.get(seed))) {
                        failures.put(seed, got + " instead of " + alone.get(seed));
                    }
                }
            }));
        }
        threads.forEach(RealThreads::join);
        assertEquals(Map.of(), failures, "seeds that ran differently beside other simulations");
        assertNotEquals(alone.get(0), alone.get(1), "seeds differ");
    }

    /** Three tasks that sleep for random times and read the clock; the reads and the trace hash. */
    private static String run(long seed) {
        Simulation sim = Simulation.builder().seed(seed).build();
        List<Long> reads = new ArrayList<>();
        sim.blockOn(Async.async(a -> {
            var tasks = new ArrayList<dev.lockstep.future.JoinHandle<Integer>>();
            for (int t = 0; t < 3; t++) {
                tasks.add(a.spawn("sleeper-" + t, Async.async(b -> {
                    for (int i = 0; i < 4; i++) {
                        b.await(Sleep.of(Duration.ofMillis((long) (Math.random() * 50)
                                + ThreadLocalRandom.current().nextInt(50))));
                        reads.add(System.nanoTime());
                    }
                    return 0;
                })));
            }
            for (var h : tasks) {
                a.await(h);
            }
            return 0;
        }));
        return reads + " " + Long.toHexString(sim.traceHash());
    }
}
