package dev.lockstep.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.fault.FaultPlan;
import dev.lockstep.runtime.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

class VirtualSchedulersTest {

    /** Runs the unmodified pipeline on a simulation; returns its items, end time, trace hash and replay. */
    static Object[] runFeed(Simulation.Builder builder) {
        Simulation sim = builder.build();
        try (SchedulerInstallation on = VirtualSchedulers.install(sim)) {
            List<Long> items = sim.blockOn(ReactorInterop.fromMono(RetryingTicker.feed()));
            return new Object[] {items, sim.clock().elapsed(), sim.traceHash(), sim.replayString()};
        }
    }

    @Nested
    class PipelinesWithoutLockstepTypes {
        @Test
        void intervalTimeoutAndBackoffCompleteAtTheExpectedVirtualTime() {
            Object[] r = runFeed(Simulation.builder().seed(1));
            assertEquals(RetryingTicker.ITEMS, r[0]);
            assertEquals(RetryingTicker.COMPLETES_AT, r[1]);
        }

        @Test
        void everySeedOf200CompletesAtTheSameTimeAndRepeatsExactly() {
            Set<Long> hashes = new HashSet<>();
            for (long seed = 0; seed < 200; seed++) {
                Object[] a = runFeed(Simulation.builder().seed(seed));
                Object[] b = runFeed(Simulation.builder().seed(seed));
                assertEquals(RetryingTicker.ITEMS, a[0], "seed " + seed);
                assertEquals(RetryingTicker.COMPLETES_AT, a[1], "seed " + seed);
                assertEquals(a[2], b[2], "trace hash of seed " + seed);
                assertEquals(a[3], b[3], "replay string of seed " + seed);
                hashes.add((Long) a[2]);
            }
            assertFalse(hashes.isEmpty());
        }

        @Test
        void underSwarmFaultsThePipelineStillCompletesOnTime() {
            for (long seed = 0; seed < 100; seed++) {
                Object[] r = runFeed(Simulation.builder().seed(seed).faults(FaultPlan.swarm()));
                assertEquals(RetryingTicker.ITEMS, r[0], "seed " + seed);
                // Swarm may switch timer-slack on: a timer fires up to 1 ms late, never early, so
                // the pipeline's 20-odd timers end at 1.8 s plus at most a few milliseconds.
                Duration at = (Duration) r[1];
                assertTrue(at.compareTo(RetryingTicker.COMPLETES_AT) >= 0
                        && at.compareTo(RetryingTicker.COMPLETES_AT.plusMillis(30)) <= 0, "seed " + seed + ": " + at);
            }
        }

        @Test
        void anHourOfDelayTakesNoWallTimeAndEveryFlavourRunsOnTheSimulationThread() {
            Simulation sim = Simulation.builder().seed(2).build();
            Thread simThread = Thread.currentThread();
            List<String> seen = new ArrayList<>();
            try (SchedulerInstallation on = VirtualSchedulers.install(sim)) {
                Mono<String> m = Mono.delay(Duration.ofHours(1))
                        .publishOn(Schedulers.single())
                        .doOnNext(x -> seen.add("single " + (Thread.currentThread() == simThread)))
                        .flatMap(x -> Mono.fromCallable(() -> "io").subscribeOn(Schedulers.boundedElastic()))
                        .doOnNext(x -> seen.add("elastic " + (Thread.currentThread() == simThread)))
                        .delayElement(Duration.ofMinutes(1), Schedulers.newParallel("custom", 4));
                assertEquals("io", sim.blockOn(ReactorInterop.fromMono(m)));
                assertEquals(Duration.ofMinutes(61), sim.clock().elapsed());
                assertEquals(List.of("single true", "elastic true"), seen);
                assertEquals(3_660_000, Schedulers.parallel().now(TimeUnit.MILLISECONDS));
            }
        }
    }

    @Nested
    class Installation {
        @Test
        void closingRestoresReactorsOwnSchedulers() {
            Scheduler before = Schedulers.parallel();
            Simulation sim = Simulation.builder().build();
            try (SchedulerInstallation on = VirtualSchedulers.install(sim)) {
                assertEquals(0, Schedulers.parallel().now(TimeUnit.MILLISECONDS), "virtual time, not the epoch");
                sim.advance(Duration.ofSeconds(5));
                assertEquals(5_000, Schedulers.single().now(TimeUnit.MILLISECONDS));
                assertTrue(VirtualSchedulers.isInstalled());
                assertSame(sim, on.simulation());
            }
            assertFalse(VirtualSchedulers.isInstalled());
            assertSame(before, Schedulers.parallel());
            assertTrue(Schedulers.parallel().now(TimeUnit.MILLISECONDS) > 1_000_000_000_000L, "the epoch again");
        }

        @Test
        void aSecondInstallationIsRefusedWhileTheFirstIsOpen() {
            try (SchedulerInstallation on = VirtualSchedulers.install(Simulation.builder().build())) {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> VirtualSchedulers.install(Simulation.builder().build()));
                assertTrue(e.getMessage().contains("already installed") && e.getMessage().contains("one at a time"),
                        e.getMessage());
            }
        }

        @Test
        void aClosedInstallationsSchedulersRejectWorkAndAbortTheirTimers() {
            Simulation sim = Simulation.builder().build();
            Scheduler parallel;
            try (SchedulerInstallation on = VirtualSchedulers.install(sim)) {
                parallel = Schedulers.parallel();
                parallel.schedule(() -> { }, 1, TimeUnit.SECONDS);
                assertEquals(1, sim.liveTasks());
            }
            sim.runUntilIdle();
            assertEquals(0, sim.liveTasks(), "the pending timer task was aborted");
            assertThrows(RejectedExecutionException.class, () -> parallel.schedule(() -> { }));
        }

        @Test
        void closingAlsoDisposesTheSchedulersMadeWithNewParallelWhileOpen() {
            Simulation sim = Simulation.builder().build();
            Scheduler mine;
            Scheduler single;
            try (SchedulerInstallation on = VirtualSchedulers.install(sim)) {
                mine = Schedulers.newParallel("mine");
                single = Schedulers.newSingle("one");
                mine.schedule(() -> { }, 1, TimeUnit.SECONDS);
                assertEquals(1, sim.liveTasks());
            }
            sim.runUntilIdle();
            assertEquals(0, sim.liveTasks(), "the pending timer task was aborted");
            assertTrue(mine.isDisposed() && single.isDisposed());
            assertThrows(RejectedExecutionException.class, () -> mine.schedule(() -> { }));
            assertThrows(RejectedExecutionException.class, () -> single.schedule(() -> { }));
        }
    }

    @Nested
    class Workers {
        @Test
        void aWorkersTasksRunInSubmissionOrderWhateverTheSeed() {
            for (long seed = 0; seed < 100; seed++) {
                Simulation sim = Simulation.builder().seed(seed).faults(FaultPlan.all(0.2)).build();
                Scheduler s = VirtualSchedulers.scheduler(sim);
                Scheduler.Worker w1 = s.createWorker();
                Scheduler.Worker w2 = s.createWorker();
                List<String> log = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    int n = i;
                    w1.schedule(() -> log.add("a" + n));
                    w2.schedule(() -> log.add("b" + n));
                }
                w1.schedule(() -> log.add("a-late"), 10, TimeUnit.MILLISECONDS);
                sim.advance(Duration.ofSeconds(1));
                assertEquals(List.of("a0", "a1", "a2", "a3", "a4", "a-late"), only(log, "a"), "seed " + seed);
                assertEquals(List.of("b0", "b1", "b2", "b3", "b4"), only(log, "b"), "seed " + seed);
            }
        }

        @Test
        void twoWorkersInterleaveDifferentlyAcrossSeeds() {
            Set<List<String>> orders = new HashSet<>();
            for (long seed = 0; seed < 50; seed++) {
                Simulation sim = Simulation.builder().seed(seed).build();
                Scheduler s = VirtualSchedulers.scheduler(sim);
                List<String> log = new ArrayList<>();
                Scheduler.Worker w1 = s.createWorker();
                Scheduler.Worker w2 = s.createWorker();
                for (int i = 0; i < 3; i++) {
                    int n = i;
                    w1.schedule(() -> log.add("a" + n));
                    w2.schedule(() -> log.add("b" + n));
                }
                sim.runUntilIdle();
                orders.add(log);
            }
            assertTrue(orders.size() > 5, "orders seen: " + orders);
        }

        @Test
        void periodicTasksRunAtAFixedRateAndStopWhenDisposed() {
            Simulation sim = Simulation.builder().build();
            Scheduler.Worker w = VirtualSchedulers.scheduler(sim).createWorker();
            List<Long> at = new ArrayList<>();
            var d = w.schedulePeriodically(() -> at.add(sim.nanos() / 1_000_000), 50, 100, TimeUnit.MILLISECONDS);
            sim.advance(Duration.ofMillis(360));
            d.dispose();
            sim.advance(Duration.ofSeconds(1));
            assertEquals(List.of(50L, 150L, 250L, 350L), at);
            assertEquals(0, sim.liveTasks());
        }

        @Test
        void aDelayOfCenturiesIsATimerThatNeverFiresInTheTest() {
            Simulation sim = Simulation.builder().build();
            try (SchedulerInstallation on = VirtualSchedulers.install(sim)) {
                String got = sim.blockOn(ReactorInterop.fromMono(Mono.<String>never()
                        .timeout(Duration.ofDays(365L * 200), Mono.just("never"))
                        .timeout(Duration.ofSeconds(1), Mono.just("cut off"))));
                assertEquals("cut off", got);
                Scheduler.Worker w = Schedulers.parallel().createWorker();
                w.schedule(() -> { }, Long.MAX_VALUE, TimeUnit.DAYS);
                w.schedulePeriodically(() -> { }, 1, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
                sim.advance(Duration.ofSeconds(1));
                w.dispose();
            }
        }

        @Test
        void aDisposedDelayedTaskNeverRuns() {
            Simulation sim = Simulation.builder().build();
            Scheduler.Worker w = VirtualSchedulers.scheduler(sim).createWorker();
            List<String> log = new ArrayList<>();
            w.schedule(() -> log.add("kept"), 10, TimeUnit.MILLISECONDS);
            w.schedule(() -> log.add("disposed"), 20, TimeUnit.MILLISECONDS).dispose();
            sim.advance(Duration.ofSeconds(1));
            assertEquals(List.of("kept"), log);
        }

        private static List<String> only(List<String> log, String prefix) {
            return log.stream().filter(s -> s.startsWith(prefix)).toList();
        }
    }

    @Nested
    class FluxInterval {
        @Test
        void fluxIntervalTicksOnTheVirtualClock() {
            Simulation sim = Simulation.builder().seed(3).build();
            try (SchedulerInstallation on = VirtualSchedulers.install(sim)) {
                List<Long> times = sim.blockOn(ReactorInterop.fromMono(Flux.interval(Duration.ofSeconds(10))
                        .map(i -> Schedulers.parallel().now(TimeUnit.SECONDS)).take(3).collectList()));
                assertEquals(List.of(10L, 20L, 30L), times);
            }
        }
    }
}
