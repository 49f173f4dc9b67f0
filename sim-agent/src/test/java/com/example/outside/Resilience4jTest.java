package com.example.outside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.interop.Interop;
import dev.lockstep.runtime.EscapeException;
import dev.lockstep.runtime.Simulation;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Resilience4j 2.4: TimeLimiter, CircuitBreaker and Retry with their defaults. */
class Resilience4jTest extends AgentTestCase {
    /** A scheduler as an application makes one for Resilience4j: a static JDK pool. */
    static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor();

    static CompletableFuture<String> slowCall(long ms) {
        return CompletableFuture.supplyAsync(() -> "done", CompletableFuture.delayedExecutor(ms, TimeUnit.MILLISECONDS));
    }

    static Throwable unwrap(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    @Test
    void aTimeLimiterTimesOutASlowCallInVirtualTime() {
        List<String> out = repeat("r4j-time-limiter", sim -> sim.blockOn(Async.async(a -> {
            TimeLimiter limiter = TimeLimiter.of(TimeLimiterConfig.custom().timeoutDuration(Duration.ofMillis(250)).build());
            CompletableFuture<String> guarded = limiter.executeCompletionStage(SCHEDULER, () -> slowCall(1000))
                    .toCompletableFuture()
                    .handle((v, e) -> e != null ? unwrap(e).getClass().getSimpleName() + "@" + sim.clock().elapsed().toMillis() : v);
            return a.await(Interop.fromCompletionStage(guarded));
        })));
        assertTrue(out.stream().allMatch("TimeoutException@250"::equals), out.get(0));
    }

    @Test
    void aTimeLimiterOnAFutureBlocksAndIsReportedAtItsLine() {
        Simulation sim = Simulation.builder().seed(1).build();
        TimeLimiter limiter = TimeLimiter.of(Duration.ofMillis(250));
        EscapeException e = assertThrows(EscapeException.class, () -> sim.blockOn(Async.async(a ->
                limiter.executeFutureSupplier(() -> slowCall(1000)))));
        assertNamesCaller(e, "io.github.resilience4j.timelimiter.internal.TimeLimiterImpl", "get(long, TimeUnit)");
    }

    @Test
    void slowCallsOpenTheCircuitBreakerAsInProduction() {
        List<String> out = repeat("r4j-circuit-breaker", sim -> sim.blockOn(Async.async(a -> {
            CircuitBreaker cb = CircuitBreaker.of("backend", CircuitBreakerConfig.custom()
                    .slidingWindowSize(5).minimumNumberOfCalls(5)
                    .slowCallDurationThreshold(Duration.ofMillis(200)).slowCallRateThreshold(50).build());
            for (int i = 0; i < 5; i++) {
                CompletableFuture<String> f = cb.executeCompletionStage(() -> slowCall(300)).toCompletableFuture();
                a.await(Interop.fromCompletionStage(f));
            }
            return cb.getState() + " slow=" + cb.getMetrics().getNumberOfSlowCalls();
        })));
        assertTrue(out.stream().allMatch("OPEN slow=5"::equals), out.get(0));
    }

    @Test
    void randomBackOffRepeatsPerSeedAndSleepsInVirtualTime() {
        List<Long> out = repeat("r4j-retry", sim -> sim.blockOn(Async.async(a -> {
            Retry retry = Retry.of("backend", RetryConfig.custom().maxAttempts(4)
                    .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(100, 2.0, 0.5)).build());
            AtomicInteger attempts = new AtomicInteger();
            String r = retry.executeSupplier(() -> {
                if (attempts.incrementAndGet() < 4) {
                    throw new IllegalStateException("503");
                }
                return "ok";
            });
            assertEquals("ok", r);
            return sim.clock().elapsed().toMillis();
        })));
        assertTrue(out.stream().allMatch(ms -> ms >= 350 && ms <= 1050), out.toString());
        assertTrue(out.stream().distinct().count() > SEEDS / 2, "the jitter is drawn per seed: " + out.subList(0, 5));
    }
}
