package com.example.outside;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Stopwatch;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.RateLimiter;
import com.google.common.util.concurrent.SettableFuture;
import dev.lockstep.async.Async;
import dev.lockstep.interop.Interop;
import dev.lockstep.runtime.EscapeException;
import dev.lockstep.runtime.Simulation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Guava 33: Stopwatch, RateLimiter, Futures.withTimeout, and a blocking get. */
class GuavaTest extends AgentTestCase {
    static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(1);

    @Test
    void aStopwatchAndARateLimiterUseVirtualTime() {
        List<String> out = repeat("guava-stopwatch-rate-limiter", sim -> sim.blockOn(Async.async(a -> {
            Stopwatch watch = Stopwatch.createStarted();
            RateLimiter limiter = RateLimiter.create(4.0);   // four permits a second
            for (int i = 0; i < 9; i++) {
                limiter.acquire();
            }
            return watch.elapsed(TimeUnit.MILLISECONDS) + " ms";
        })));
        assertTrue(out.stream().allMatch("2000 ms"::equals), out.get(0));
    }

    @Test
    void withTimeoutFiresInVirtualTime() {
        List<String> out = repeat("guava-with-timeout", sim -> sim.blockOn(Async.async(a -> {
            SettableFuture<String> never = SettableFuture.create();
            ListenableFuture<String> f = Futures.catching(Futures.withTimeout(never, Duration.ofMillis(250), TIMER),
                    TimeoutException.class, e -> "timeout@" + sim.clock().elapsed().toMillis(),
                    MoreExecutors.directExecutor());
            return a.await(Interop.fromListenableFuture(f));
        })));
        assertTrue(out.stream().allMatch("timeout@250"::equals), out.get(0));
    }

    @Test
    void aBlockingGetIsReportedInsideGuava() {
        Simulation sim = Simulation.builder().seed(1).build();
        EscapeException e = assertThrows(EscapeException.class, () -> sim.blockOn(Async.async(a ->
                SettableFuture.<String>create().get())));
        assertTrue(e.site().startsWith("com.google.common.util.concurrent."), e.site());
        assertNamesCaller(e, e.site().substring(0, e.site().lastIndexOf('.', e.site().indexOf('('))), "park");
    }
}
