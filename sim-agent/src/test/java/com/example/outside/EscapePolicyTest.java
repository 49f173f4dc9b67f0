package com.example.outside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.runtime.EscapeException;
import dev.lockstep.runtime.EscapePolicy;
import dev.lockstep.runtime.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class EscapePolicyTest extends AgentTestCase {
    static long readClock() {
        return System.currentTimeMillis();
    }

    @Test
    void reportFailsAtTheFirstEscapeEvenOneThatCouldBeVirtualized() {
        Simulation sim = Simulation.builder().seed(2).escapes(EscapePolicy.REPORT).build();
        EscapeException e = assertThrows(EscapeException.class, () -> sim.blockOn(Async.async(a -> {
            a.sleep(Duration.ofSeconds(1));
            return readClock();
        })));
        assertNamesCaller(e, EscapePolicyTest.class.getName(), "java.lang.System.currentTimeMillis()");
        assertEquals(1_000_000_000L, e.nanos());
        assertTrue(e.getMessage().contains("policy REPORT"), e.getMessage());
    }

    @Test
    void allowLetsTheCallThroughAsWithoutTheAgent() {
        Simulation sim = Simulation.builder().seed(2).escapes(EscapePolicy.ALLOW).build();
        long now = sim.blockOn(Async.async(a -> readClock()));
        assertTrue(now > Instant.parse("2020-01-01T00:00:00Z").toEpochMilli(), "real time: " + now);
    }

    @Test
    void theWallClockEpochIsConfigurable() {
        Instant epoch = Instant.parse("2031-05-06T07:08:09Z");
        Simulation sim = Simulation.builder().wallClockEpoch(epoch).build();
        assertEquals(epoch.toEpochMilli(), (long) sim.blockOn(Async.async(a -> readClock())));
        assertEquals(epoch, sim.wallClock());
    }

    @Test
    void runsInWhichNothingEscapesHaveTheSameTraceAsWithoutTheAgent() {
        // ALLOW behaves as if the agent were absent; nothing here escapes, so the traces must match.
        List<Long> virtualized = repeat("nothing-escapes", 50, b -> b, NothingEscapes::run);
        List<Long> allowed = repeat("nothing-escapes-allow", 50, b -> b.escapes(EscapePolicy.ALLOW), NothingEscapes::run);
        assertEquals(allowed, virtualized);
    }

    /** Tasks, sleeps, an executor and a stage: Lockstep's own virtual world only. */
    static final class NothingEscapes {
        static long run(Simulation sim) {
            for (int i = 0; i < 3; i++) {
                int n = i;
                sim.spawn("w" + i, Async.async(a -> {
                    a.sleep(Duration.ofMillis(10L * n));
                    return n;
                }));
            }
            var exec = sim.scheduledExecutor();
            sim.blockOn(Async.async(a -> a.await(dev.lockstep.interop.Interop.fromCompletionStage(
                    CompletableFuture.supplyAsync(() -> 1, exec.delayedExecutor(5, java.util.concurrent.TimeUnit.MILLISECONDS))))));
            return sim.traceHash();
        }
    }
}
