package com.example.outside;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.failsafe.Timeout;
import dev.failsafe.TimeoutExceededException;
import dev.lockstep.async.Async;
import dev.lockstep.interop.Interop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Failsafe 3.3 with its default scheduler (the common pool and its own delay thread). */
class FailsafeTest extends AgentTestCase {
    @Test
    void asyncRetryWithJitterRepeatsPerSeedInVirtualTime() {
        List<String> out = repeat("failsafe-async-retry", sim -> sim.blockOn(Async.async(a -> {
            AtomicInteger attempts = new AtomicInteger();
            RetryPolicy<String> retry = RetryPolicy.<String>builder().withBackoff(Duration.ofMillis(100),
                    Duration.ofSeconds(2)).withJitter(0.25).withMaxRetries(3).build();
            CompletableFuture<String> f = Failsafe.with(retry).getAsync(() -> {
                if (attempts.incrementAndGet() < 4) {
                    throw new IllegalStateException("503");
                }
                return "ok";
            });
            String v = a.await(Interop.fromCompletionStage(f));
            return v + "@" + sim.clock().elapsed().toMillis();
        })));
        assertTrue(out.stream().allMatch(s -> s.startsWith("ok@")), out.get(0));
        assertTrue(out.stream().distinct().count() > SEEDS / 2, "jitter is drawn per seed: " + out.subList(0, 5));
    }

    @Test
    void syncRetryInsideABodySleepsInVirtualTime() {
        List<Long> out = repeat("failsafe-sync-retry", sim -> sim.blockOn(Async.async(a -> {
            AtomicInteger attempts = new AtomicInteger();
            RetryPolicy<String> retry = RetryPolicy.<String>builder().withDelay(Duration.ofMillis(300))
                    .withMaxRetries(2).build();
            Failsafe.with(retry).get(() -> {
                if (attempts.incrementAndGet() < 3) {
                    throw new IllegalStateException("503");
                }
                return "ok";
            });
            return sim.clock().elapsed().toMillis();
        })));
        assertTrue(out.stream().allMatch(ms -> ms == 600), out.toString());
    }

    @Test
    void anAsyncTimeoutFiresInVirtualTime() {
        List<String> out = repeat("failsafe-timeout", sim -> sim.blockOn(Async.async(a -> {
            Timeout<String> timeout = Timeout.<String>builder(Duration.ofMillis(250)).withInterrupt().build();
            CompletableFuture<String> f = Failsafe.with(timeout).getStageAsync(() ->
                    CompletableFuture.supplyAsync(() -> "late", CompletableFuture.delayedExecutor(1,
                            java.util.concurrent.TimeUnit.SECONDS)));
            return a.await(Interop.fromCompletionStage(f.handle((v, e) ->
                    e instanceof TimeoutExceededException ? "timeout@" + sim.clock().elapsed().toMillis() : v + e)));
        })));
        assertTrue(out.stream().allMatch("timeout@250"::equals), out.get(0));
    }
}
