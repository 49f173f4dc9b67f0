package dev.lockstep.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.lockstep.junit.SimTest;
import dev.lockstep.property.LockstepFailure;
import dev.lockstep.runtime.Simulation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.opentest4j.AssertionFailedError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/** {@code @SimTest} over Reactor code: the schedule search finds an ordering bug in a pipeline. */
class ReactorSimTest {
    @TempDir
    Path store;

    static void twoBumps(Simulation sim, boolean racy) {
        try (SchedulerInstallation on = VirtualSchedulers.install(sim)) {
            VersionCounter counter = new VersionCounter();
            Mono<?> a = racy ? counter.bumpRacy() : counter.bump();
            Mono<?> b = racy ? counter.bumpRacy() : counter.bump();
            sim.blockOn(ReactorInterop.fromMono(Mono.when(a, b)));
            assertEquals(2, counter.version(), "two bumps, version " + counter.version());
        }
    }

    @ExtendWith(FixturesOnly.class)
    static class RacyCounterTestCase {
        @SimTest(runs = 200, seed = 1, shrinkTime = "5s")
        void bothBumpsLand(Simulation sim) {
            twoBumps(sim, true);
        }
    }

    /** The example of docs/third-party.md, "Project Reactor", as it is printed there. */
    @SimTest(runs = 500)
    void feedCompletesInVirtualTime(Simulation sim) {
        try (SchedulerInstallation on = VirtualSchedulers.install(sim)) {
            Mono<List<Long>> feed = Flux.interval(Duration.ofMillis(100)).take(5)
                    .timeout(Duration.ofMillis(300))
                    .retryWhen(Retry.backoff(3, Duration.ofMillis(100)).jitter(0))
                    .collectList();
            List<Long> items = sim.blockOn(ReactorInterop.fromMono(feed));
            assertEquals(Duration.ofMillis(500), sim.clock().elapsed());   // virtual: takes no wall time
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L), items);
        }
    }

    @SimTest(runs = 500)
    void theFixedCounterKeepsBothBumpsOnEverySchedule(Simulation sim) {
        twoBumps(sim, false);
    }

    @Test
    void theLostUpdateDependsOnTheScheduleAlone() {
        int lost = 0;
        for (long seed = 0; seed < 200; seed++) {
            try {
                twoBumps(Simulation.builder().seed(seed).build(), true);
            } catch (AssertionFailedError e) {
                lost++;
            }
        }
        assertTrue(lost > 0 && lost < 200, lost + " of 200 schedules lose a bump");
    }

    @Test
    void simTestFindsTheLostUpdateAndReportsAReplayStringThatReproducesIt() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(RacyCounterTestCase.class))
                .configurationParameter("lockstep.fixtures", "true")
                .configurationParameter("lockstep.ignoreEnvironment", "true")
                .configurationParameter("lockstep.store", store.toString())
                .execute();
        List<Throwable> failures = results.testEvents().failed().stream()
                .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                        .getThrowable().orElseThrow())
                .toList();
        assertEquals(1, failures.size(), "failures: " + failures);
        LockstepFailure f = assertInstanceOf(LockstepFailure.class, failures.get(0));
        assertInstanceOf(AssertionFailedError.class, f.report().original());
        assertTrue(f.getMessage().contains("two bumps, version 1"), f.getMessage());
        String replay = f.report().shrunkReplay();

        // The shrunk string replays the lost update through the plain API, on any machine.
        AssertionFailedError again = org.junit.jupiter.api.Assertions.assertThrows(AssertionFailedError.class,
                () -> twoBumps(Simulation.builder().choices(dev.lockstep.choice.ChoiceSource.replay(replay)).build(),
                        true));
        assertTrue(again.getMessage().contains("version 1"), again.getMessage());
    }
}
