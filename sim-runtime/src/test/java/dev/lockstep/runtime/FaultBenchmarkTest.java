package dev.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.runtime.planted.BuggifyOnlyBug;
import dev.lockstep.runtime.planted.FusedViolationBug;
import dev.lockstep.runtime.planted.LostWakeupBug;
import dev.lockstep.runtime.planted.MovedPinnedFutureBug;
import dev.lockstep.runtime.planted.PlantedBug;
import dev.lockstep.runtime.planted.SelfReferentialUnpinBug;
import dev.lockstep.runtime.planted.SpuriousWakeupBug;
import dev.lockstep.runtime.planted.StaleWakerBug;
import dev.lockstep.runtime.planted.TwoPreemptionBug;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault-injection benchmark: small planted bugs, each found by the fault plan that targets it
 * and by swarm mode within a stated number of runs, and each with a fixed twin that survives
 * 10,000 runs. Runs-to-failure are measured on {@value #STREAMS} independent seed streams (stream
 * {@code s} uses seeds {@code s * 100,000, s * 100,000 + 1, ...}); the worst must stay within the
 * bound, and the measurements are printed (docs/faults.md quotes them).
 */
class FaultBenchmarkTest {
    static final int STREAMS = 5;
    static final int FIXED_RUNS = 10_000;

    /**
     * A planted bug and its bounds on runs-to-failure.
     *
     * @param targetedBound the most runs its targeted plan may need on any stream
     * @param swarmBound    the most runs swarm mode may need on any stream
     */
    record Entry(PlantedBug bug, int targetedBound, int swarmBound) {
        Entry {
            if (targetedBound < 1 || swarmBound < 1) {
                throw new IllegalArgumentException("bounds must be positive");
            }
        }

        @Override
        public String toString() {
            return bug.name();
        }
    }

    static Stream<Entry> benchmark() {
        return Stream.of(
                new Entry(new LostWakeupBug(), 60, 150),
                new Entry(new StaleWakerBug(), 10, 150),
                new Entry(new SpuriousWakeupBug(), 30, 600),
                new Entry(new FusedViolationBug(), 10, 200),
                new Entry(new SelfReferentialUnpinBug(), 10, 200),
                new Entry(new MovedPinnedFutureBug(), 30, 600),
                new Entry(new TwoPreemptionBug(), 400, 20_000),
                new Entry(new BuggifyOnlyBug(), 80, 900));
    }

    /** Runs-to-failure on each stream, checking that every failure is the planted bug showing. */
    static int[] runsToFailure(PlantedBug bug, LongFunction<Simulation.Builder> builder, int budget) {
        int[] runs = new int[STREAMS];
        for (int s = 0; s < STREAMS; s++) {
            BugHunt h = BugHunt.hunt(bug, false, builder, s * 100_000L, budget);
            assertTrue(h.found(), bug.name() + ": not found in " + budget + " runs from seed " + s * 100_000L);
            if (!bug.shows(h.failure())) {
                throw new AssertionError(bug.name() + ": seed " + h.seed() + " failed with something else than the"
                        + " planted bug (plan " + h.plan() + ")", h.failure());
            }
            runs[s] = h.runs();
        }
        return runs;
    }

    static String summary(int[] runs) {
        int[] sorted = runs.clone();
        Arrays.sort(sorted);
        return "median " + sorted[sorted.length / 2] + ", worst " + sorted[sorted.length - 1] + " "
                + Arrays.toString(runs);
    }

    static int worst(int[] runs) {
        return Arrays.stream(runs).max().orElseThrow();
    }

    @Nested
    class EachPlantedBug {
        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.lockstep.runtime.FaultBenchmarkTest#benchmark")
        void isFoundByTheFaultPlanThatTargetsItWithinItsBound(Entry e) {
            int[] runs = runsToFailure(e.bug(), BugHunt.targeted(e.bug()), e.targetedBound());
            System.out.printf(Locale.ROOT, "benchmark %-28s targeted %-22s runs to failure: %s%n", e.bug().name(),
                    e.bug().plan().isNone() ? e.bug().scheduler() : e.bug().plan(), summary(runs));
            assertTrue(worst(runs) <= e.targetedBound(), e.bug().name() + " " + summary(runs));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.lockstep.runtime.FaultBenchmarkTest#benchmark")
        void isFoundBySwarmModeWithinItsBound(Entry e) {
            int[] runs = runsToFailure(e.bug(), BugHunt.swarm(), e.swarmBound());
            System.out.printf(Locale.ROOT, "benchmark %-28s swarm runs to failure: %s%n", e.bug().name(),
                    summary(runs));
            assertTrue(worst(runs) <= e.swarmBound(), e.bug().name() + " " + summary(runs));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.lockstep.runtime.FaultBenchmarkTest#benchmark")
        void hasAFixedTwinThatPassesTenThousandRunsUnderItsPlanAndSwarm(Entry e) {
            BugHunt targeted = BugHunt.hunt(e.bug(), true, BugHunt.targeted(e.bug()), 0, FIXED_RUNS / 2);
            BugHunt swarm = BugHunt.hunt(e.bug(), true, BugHunt.swarm(), 0, FIXED_RUNS / 2);
            for (BugHunt h : List.of(targeted, swarm)) {
                if (h.found()) {
                    throw new AssertionError("the fixed " + e.bug().name() + " failed on seed " + h.seed() + " ("
                            + h.plan() + ", replay " + h.replay() + ")", h.failure());
                }
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.lockstep.runtime.FaultBenchmarkTest#benchmark")
        void doesNotShowOnThePlainFifoSchedule(Entry e) {
            Simulation sim = Simulation.builder().choices(ChoiceSource.replay(new int[0])).build();
            e.bug().run(sim, false);
        }
    }

    @Test
    void theFaultOnlyBugsNeverShowWithoutTheirFault() {
        List<PlantedBug> faultOnly = List.of(new StaleWakerBug(), new SpuriousWakeupBug(), new FusedViolationBug(),
                new SelfReferentialUnpinBug(), new MovedPinnedFutureBug(), new BuggifyOnlyBug());
        for (PlantedBug bug : faultOnly) {
            BugHunt h = BugHunt.hunt(bug, false, seed -> Simulation.builder().seed(seed), 0, 300);
            assertFalse(h.found(), bug.name() + " failed without faults on seed " + h.seed() + ": " + h.failure());
        }
    }

    @Test
    void pctFindsTheTwoPreemptionBugInFewerRunsThanUniformRandomOnTheSameBudget() {
        PlantedBug bug = new TwoPreemptionBug();
        int budget = 5_000;
        int streams = 10;
        int[] pct = new int[streams];
        int[] uniform = new int[streams];
        for (int s = 0; s < streams; s++) {
            pct[s] = BugHunt.hunt(bug, false, BugHunt.targeted(bug), s * 100_000L, budget).runs();
            uniform[s] = BugHunt.hunt(bug, false, seed -> Simulation.builder().seed(seed), s * 100_000L, budget)
                    .runs();
        }
        double pctMean = Arrays.stream(pct).average().orElseThrow();
        double uniformMean = Arrays.stream(uniform).average().orElseThrow();
        System.out.printf(Locale.ROOT, "benchmark PCT %s vs uniform: mean runs to failure %.1f vs %.1f (budget %d"
                + " each, %d streams)%n  pct     %s%n  uniform %s%n", bug.scheduler(), pctMean, uniformMean, budget,
                streams, summary(pct), summary(uniform));
        assertTrue(pctMean <= uniformMean, "PCT " + pctMean + " vs uniform " + uniformMean);
    }
}
