package com.example.outside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.interop.Interop;
import dev.lockstep.runtime.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class JdkExecutorsTest extends AgentTestCase {
    /** A pool a library keeps in a static field: created once, used by every run. */
    static final ExecutorService SHARED = Executors.newFixedThreadPool(4);

    @Test
    void orTimeoutFiresInVirtualTimeAsInProduction() {
        List<String> out = repeat("jdk-or-timeout", sim -> sim.blockOn(Async.async(a -> {
            CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> "late",
                    CompletableFuture.delayedExecutor(1000, TimeUnit.MILLISECONDS));
            CompletableFuture<String> judged = slow.orTimeout(250, TimeUnit.MILLISECONDS).handle((v, e) ->
                    e instanceof TimeoutException ? "timed out at " + sim.clock().elapsed().toMillis() + " ms" : v + e);
            return a.await(Interop.fromCompletionStage(judged));
        })));
        assertTrue(out.stream().allMatch("timed out at 250 ms"::equals), out.get(0));
    }

    @Test
    void completeOnTimeoutAndDelayedExecutorUseVirtualTime() {
        List<Long> out = repeat("jdk-complete-on-timeout", sim -> sim.blockOn(Async.async(a -> {
            CompletableFuture<Integer> never = new CompletableFuture<>();
            int v = a.await(Interop.fromCompletionStage(never.completeOnTimeout(7, 3, TimeUnit.SECONDS)));
            return v + sim.clock().elapsed().toMillis();
        })));
        assertTrue(out.stream().allMatch(v -> v == 3007L), String.valueOf(out.get(0)));
    }

    @Test
    void theCommonPoolAndAsyncCallbacksRunAsSimulationTasks() {
        List<List<Integer>> out = repeat("jdk-common-pool", sim -> sim.blockOn(Async.async(a -> {
            List<Integer> order = new ArrayList<>();
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int n = i;
                all.add(CompletableFuture.supplyAsync(() -> n).thenApplyAsync(x -> x * 10)
                        .thenAcceptAsync(order::add));
            }
            ForkJoinPool.commonPool().execute(() -> order.add(-1));
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            return order;
        })));
        assertTrue(out.stream().anyMatch(o -> !o.equals(out.get(0))), "the order is a choice and varies by seed");
        assertTrue(out.stream().allMatch(o -> o.size() == 5 || o.size() == 4), out.get(0).toString());
    }

    @Test
    void aStaticPoolRoutesEachRunToItsOwnSimulation() {
        List<Integer> out = repeat("jdk-static-pool", sim -> sim.blockOn(Async.async(a -> {
            CompletableFuture<Integer> f = CompletableFuture.supplyAsync(() -> 21, SHARED).thenApply(x -> x * 2);
            return f.join();
        })));
        assertTrue(out.stream().allMatch(v -> v == 42));
        assertEquals(42, CompletableFuture.supplyAsync(() -> 42, SHARED).join(), "outside a run it is a real pool");
    }

    @Test
    void newPoolsAndTimersRunInVirtualTime() {
        List<List<String>> out = repeat("jdk-pools-and-timers", sim -> sim.blockOn(Async.async(a -> {
            List<String> log = new ArrayList<>();
            ThreadPoolExecutor tpe = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
            ScheduledExecutorService ses = Executors.newScheduledThreadPool(2);
            Timer timer = new Timer();
            tpe.execute(() -> log.add("tpe@" + sim.clock().elapsed().toMillis()));
            ses.schedule(() -> log.add("ses@" + sim.clock().elapsed().toMillis()), 40, TimeUnit.MILLISECONDS);
            timer.schedule(new TimerTask() {
                @Override
                public void run() {
                    log.add("timer@" + sim.clock().elapsed().toMillis());
                }
            }, 70);
            TimerTask cancelled = new TimerTask() {
                @Override
                public void run() {
                    log.add("cancelled task ran");
                }
            };
            timer.schedule(cancelled, 80);
            cancelled.cancel();
            a.sleep(java.time.Duration.ofMillis(100));
            timer.cancel();
            ses.shutdown();
            tpe.shutdown();
            return log;
        })));
        assertEquals(List.of("tpe@0", "ses@40", "timer@70"), out.get(0));
    }

    @Test
    void theRoutedPoolsAreTheJdkTypesTheCallerExpects() {
        Simulation.builder().build();
        assertInstanceOf(ForkJoinPool.class, ForkJoinPool.commonPool());
        assertInstanceOf(ThreadPoolExecutor.class,
                new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()));
    }
}
