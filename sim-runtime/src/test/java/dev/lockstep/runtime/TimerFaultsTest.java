package dev.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.runtime.planted.DebounceBug;
import dev.lockstep.runtime.planted.PlantedBug;
import dev.lockstep.runtime.planted.TimeoutMutexBug;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The timer faults: {@code defer-timer} and {@code timer-slack} find the two bugs no other mode
 * reaches (a debounce on {@code runAt} that trusts its timer, a mutex whose timed-out waiter
 * swallows the hand-off with hold times drawn in microseconds), and so does swarm; the fixed twins
 * survive; without timer faults neither bug shows in 1,000 runs. Runs-to-failure are measured on
 * {@value FaultBenchmarkTest#STREAMS} seed streams and asserted as bounds on the median and the
 * worst stream (docs/faults.md quotes the printed figures).
 */
class TimerFaultsTest {
    static final int BUDGET = 1_000;

    static LongFunction<Simulation.Builder> plan(FaultPlan plan) {
        return seed -> Simulation.builder().seed(seed).maxSteps(20_000).faults(plan);
    }

    /** Runs-to-failure on each stream, and the median/worst bounds. */
    static int[] measure(String label, PlantedBug bug, LongFunction<Simulation.Builder> builder, int medianBound,
            int worstBound) {
        int[] runs = FaultBenchmarkTest.runsToFailure(bug, builder, BUDGET);
        int[] sorted = runs.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "timer faults %-30s %-26s runs to failure: %s%n", bug.name(), label,
                FaultBenchmarkTest.summary(runs));
        assertTrue(sorted[sorted.length / 2] <= medianBound, bug.name() + " " + label + " median: "
                + FaultBenchmarkTest.summary(runs));
        assertTrue(sorted[sorted.length - 1] <= worstBound, bug.name() + " " + label + " worst: "
                + FaultBenchmarkTest.summary(runs));
        return runs;
    }

    static void survives(PlantedBug bug, LongFunction<Simulation.Builder> builder, int runs) {
        BugHunt h = BugHunt.hunt(bug, true, builder, 0, runs);
        if (h.found()) {
            throw new AssertionError("the fixed " + bug.name() + " failed on seed " + h.seed() + " (" + h.plan()
                    + ", replay " + h.replay() + ")", h.failure());
        }
    }

    /** Every fault that existed before the timer faults, at once. */
    static FaultPlan everyOtherFault() {
        return FaultPlan.all(0.3).without(FaultKind.TIMER_SLACK).without(FaultKind.DEFER_TIMER);
    }

    @Nested
    class TheDebounceThatTrustsItsTimer {
        final PlantedBug bug = new DebounceBug();

        @Test
        void isFoundByDeferredTimers() {
            measure("defer-timer=0.5", bug, plan(FaultPlan.only(FaultKind.DEFER_TIMER, 0.5)), 5, 50);
        }

        @Test
        void isFoundByLateTimers() {
            measure("timer-slack=0.5", bug, plan(FaultPlan.only(FaultKind.TIMER_SLACK, 0.5)), 60, 150);
        }

        @Test
        void isFoundBySwarm() {
            measure("swarm", bug, BugHunt.swarm(), 150, 600);
        }

        @Test
        void isNotFoundWithoutTimerFaultsIn1000Runs() {
            for (LongFunction<Simulation.Builder> b : java.util.List.of(plan(FaultPlan.none()),
                    plan(everyOtherFault()))) {
                BugHunt h = BugHunt.hunt(bug, false, b, 0, BUDGET);
                assertFalse(h.found(), () -> "found on seed " + h.seed() + " (" + h.plan() + "): " + h.failure());
            }
        }

        @Test
        void hasAFixedTwinThatSurvivesTimerFaultsAndSwarm() {
            survives(bug, plan(FaultPlan.only(FaultKind.DEFER_TIMER, 0.5).with(FaultKind.TIMER_SLACK, 0.5)), 2_000);
            survives(bug, BugHunt.swarm(), 2_000);
        }
    }

    @Nested
    class TheMutexWhoseTimedOutWaiterSwallowsTheUnlock {
        final PlantedBug bug = new TimeoutMutexBug();

        @Test
        void isFoundByTimerSlack() {
            measure("timer-slack=0.5", bug, plan(FaultPlan.only(FaultKind.TIMER_SLACK, 0.5)), 30, 150);
        }

        @Test
        void isFoundBySwarm() {
            measure("swarm", bug, BugHunt.swarm(), 300, BUDGET);
        }

        @Test
        void isNotFoundWithoutTimerFaultsIn1000Runs() {
            for (LongFunction<Simulation.Builder> b : java.util.List.of(plan(FaultPlan.none()),
                    plan(everyOtherFault()))) {
                BugHunt h = BugHunt.hunt(bug, false, b, 0, BUDGET);
                assertFalse(h.found(), () -> "found on seed " + h.seed() + " (" + h.plan() + "): " + h.failure());
            }
        }

        @Test
        void hasAFixedTwinThatSurvivesTimerFaultsAndSwarm() {
            survives(bug, plan(FaultPlan.only(FaultKind.DEFER_TIMER, 0.5).with(FaultKind.TIMER_SLACK, 0.5)), 2_000);
            survives(bug, BugHunt.swarm(), 2_000);
        }
    }

    @Nested
    class Determinism {
        @Test
        void aTimerFaultRunReplaysToTheSameTrace() {
            for (long seed = 0; seed < 30; seed++) {
                Simulation.Builder b = plan(FaultPlan.only(FaultKind.DEFER_TIMER, 0.5).with(FaultKind.TIMER_SLACK, 0.5))
                        .apply(seed);
                b.checkDeterminism(sim -> new TimeoutMutexBug().run(sim, true)).assertDeterministic();
                b.checkDeterminism(sim -> new DebounceBug().run(sim, true)).assertDeterministic();
            }
        }

        @Test
        void droppingTheTimerFaultsLabelledCoinsReplaysTheRunWithoutThemUnchanged() {
            int checked = 0;
            for (long seed = 0; seed < 40; seed++) {
                Simulation first = plan(FaultPlan.only(FaultKind.DEFER_TIMER, 0.01).with(FaultKind.TIMER_SLACK, 0.01))
                        .apply(seed).build();
                new DebounceBug().run(first, true);
                int[] choices = first.replay().choices();
                byte[] tags = first.replayTags();
                boolean fired = false;
                for (int i = 0; i < choices.length; i++) {
                    fired |= tags[i] != 0 && choices[i] != 0;
                }
                if (fired) {
                    continue; // a coin came up: switching the fault off changes the run
                }
                int[] kept = new int[choices.length];
                int n = 0;
                int dropped = 0;
                for (int i = 0; i < choices.length; i++) {
                    if (tags[i] == 0) {
                        kept[n++] = choices[i];
                    } else {
                        assertTrue(tags[i] == FaultKind.DEFER_TIMER.ordinal() + 1
                                || tags[i] == FaultKind.TIMER_SLACK.ordinal() + 1, "seed " + seed + ": tag " + tags[i]);
                        dropped++;
                    }
                }
                assertTrue(dropped > 0, "seed " + seed + ": the timer faults' coins are labelled");
                Simulation plain = Simulation.builder().maxSteps(20_000)
                        .choices(dev.lockstep.choice.ChoiceSource.replay(Arrays.copyOf(kept, n))).build();
                new DebounceBug().run(plain, true);
                assertEquals(first.trace().hash(), plain.trace().hash(), "seed " + seed);
                checked++;
            }
            assertTrue(checked > 10, "runs where no fault fired: " + checked);
        }

        @Test
        void allZeroChoicesInjectNoTimerFault() {
            Simulation sim = Simulation.builder().choices(dev.lockstep.choice.ChoiceSource.replay(new int[0]))
                    .faults(FaultPlan.only(FaultKind.DEFER_TIMER, 1.0).with(FaultKind.TIMER_SLACK, 1.0)).build();
            new DebounceBug().run(sim, false);
            assertEquals(0, sim.trace().events().stream()
                    .filter(e -> e instanceof dev.lockstep.trace.TraceEvent.Fault).count());
        }
    }
}
