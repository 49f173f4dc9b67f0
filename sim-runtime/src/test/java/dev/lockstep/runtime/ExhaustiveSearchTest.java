package dev.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;
import dev.lockstep.schedule.Scheduler;
import dev.lockstep.schedule.SearchReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Bounded exhaustive search: on three tasks whose bug needs two preemptions, a search with at most
 * two finds it (shrunk to the fewest preemptions, replayable) and one with at most one checks every
 * schedule; on the fixed twin the number of schedules checked equals an enumeration by hand of the
 * interleavings with at most k preemptions.
 */
class ExhaustiveSearchTest {

    /** A task that appends one item per poll, yielding between them, and completes with the last. */
    static Future<Integer> steps(List<String> log, String... items) {
        int[] next = {0};
        return Futures.pollFn(cx -> {
            log.add(items[next[0]++]);
            if (next[0] == items.length) {
                return Poll.ready(items.length);
            }
            cx.waker().wakeByRef();
            return Poll.pending();
        });
    }

    /** The 3-task scenario: a writer of a, b, c and two single-step tasks x and y. */
    static void threeTasks(Simulation sim, boolean fixed, int[] writerSteps) {
        List<String> log = new ArrayList<>();
        String[] w = new String[writerSteps[0]];
        for (int i = 0; i < w.length; i++) {
            w[i] = String.valueOf((char) ('a' + i));
        }
        sim.spawn("writer", steps(log, w));
        sim.spawn("x", steps(log, repeat("x", writerSteps[1])));
        sim.spawn("y", steps(log, repeat("y", writerSteps[2])));
        sim.advance(Duration.ZERO);
        if (!fixed && log.equals(List.of("a", "x", "b", "y", "c"))) {
            throw new AssertionError("x and y both ran inside the writer's sequence: " + log);
        }
    }

    static String[] repeat(String s, int n) {
        String[] out = new String[n];
        java.util.Arrays.fill(out, s);
        return out;
    }

    /**
     * The number of interleavings of tasks with {@code remaining} steps when {@code current} ran
     * last ({@code -1}: none), with at most {@code k} preemptions: switching away from a task that
     * still has steps costs one, switching after it finished costs nothing.
     */
    static long interleavings(int[] remaining, int current, int k) {
        boolean any = false;
        long total = 0;
        boolean currentRunnable = current >= 0 && remaining[current] > 0;
        for (int j = 0; j < remaining.length; j++) {
            if (remaining[j] == 0) {
                continue;
            }
            any = true;
            boolean preempts = currentRunnable && j != current;
            if (preempts && k == 0) {
                continue;
            }
            remaining[j]--;
            total += interleavings(remaining, j, preempts ? k - 1 : k);
            remaining[j]++;
        }
        return any ? total : 1;
    }

    static final int[] ABC_X_Y = {3, 1, 1};

    @Nested
    class OnTheBug {
        @Test
        void twoPreemptionsFindItShrunkAndReplayable() {
            SearchReport r = Simulation.builder().search(2, 10_000, sim -> threeTasks(sim, false, ABC_X_Y));
            assertTrue(r.failed(), r.toString());
            assertEquals(2, r.preemptions(), r.toString());
            assertTrue(r.toString().startsWith("failed on schedule "), r.toString());
            assertTrue(r.toString().contains("setup: scheduler dfs(2)"), r.toString());
            Simulation replay = Simulation.builder().choices(ChoiceSource.replay(r.replay()))
                    .scheduler(r.replayScheduler()).build();
            AssertionError again = assertThrows(AssertionError.class, () -> threeTasks(replay, false, ABC_X_Y));
            assertEquals(r.failure().getMessage(), again.getMessage());
        }

        @Test
        void onePreemptionChecksEveryScheduleAndPasses() {
            SearchReport r = Simulation.builder().search(1, 10_000, sim -> threeTasks(sim, false, ABC_X_Y));
            assertFalse(r.failed(), r.toString());
            assertEquals("checked all " + interleavings(ABC_X_Y.clone(), -1, 1) + " schedules with <= 1 preemption",
                    r.toString());
        }

        @Test
        void aBudgetTooSmallStopsAndSaysSo() {
            SearchReport r = Simulation.builder().search(2, 5, sim -> threeTasks(sim, true, ABC_X_Y));
            assertFalse(r.complete());
            assertTrue(r.toString().startsWith("stopped at the budget: "), r.toString());
        }
    }

    @Nested
    class OnTheFixedTwin {
        @Test
        void theCountEqualsTheEnumerationByHandForEveryBound() {
            for (int[] shape : List.of(ABC_X_Y, new int[] {2, 2, 2}, new int[] {4, 3, 1})) {
                for (int k = 0; k <= 3; k++) {
                    SearchReport r = Simulation.builder().search(k, 1_000_000, sim -> threeTasks(sim, true, shape));
                    assertTrue(r.complete(), r.toString());
                    assertEquals(interleavings(shape.clone(), -1, k), r.schedules(), java.util.Arrays.toString(shape)
                            + " k=" + k + ": " + r);
                }
            }
        }

        @Test
        void printsSchedulesPerSecond() {
            // Measured for docs/faults.md; no assertion on speed.
            for (int[] shape : List.of(new int[] {4, 4, 4}, new int[] {6, 6, 6})) {
                for (int k : new int[] {2, 3}) {
                    long t0 = System.nanoTime();
                    SearchReport r = Simulation.builder().search(k, 2_000_000, sim -> threeTasks(sim, true, shape));
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    System.out.printf(Locale.ROOT, "search %s k=%d: %s in %.2f s, %.0f schedules/s%n",
                            java.util.Arrays.toString(shape), k, r, seconds, r.schedules() / seconds);
                }
            }
        }
    }

    @Test
    void theBoundedSchedulerParsesAndPrints() {
        assertEquals(Scheduler.bounded(2), Scheduler.parse("dfs(2)"));
        assertEquals("dfs(2)", Scheduler.bounded(2).toString());
        assertThrows(IllegalArgumentException.class, () -> Scheduler.bounded(-1));
    }
}
