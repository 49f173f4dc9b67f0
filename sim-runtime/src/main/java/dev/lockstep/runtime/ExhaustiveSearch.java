package dev.lockstep.runtime;

import dev.lockstep.internal.choice.SearchChoices;
import dev.lockstep.schedule.Scheduler;
import dev.lockstep.schedule.SearchReport;
import java.util.function.Consumer;

/**
 * Bounded exhaustive search ({@link Simulation.Builder#search}): runs a scenario on every
 * sequence of choices, in lexicographic order, under {@link Scheduler#bounded(int)}, so every
 * schedule with at most {@code k} preemptions (and every value of the scenario's own draws) is run
 * exactly once, as in CHESS's preemption bounding and loom's and shuttle's DFS.
 *
 * <h2>Reduction</h2>
 * The preemption bound is the only reduction: no sleep sets, no DPOR. Two schedules that differ
 * only in the order of independent steps are both run; the count is the number of distinct choice
 * sequences, which a test can check against an enumeration by hand.
 *
 * <h2>Iterative deepening</h2>
 * The bounds 0, 1, ..., {@code k} are searched in turn, so the first failure found needs the
 * fewest preemptions any failing schedule needs, and among those it is the first in lexicographic
 * order (smallest choices first): as shrunk as a schedule gets. The budget counts every run, at
 * every bound.
 */
final class ExhaustiveSearch {
    private ExhaustiveSearch() {}

    static SearchReport run(Simulation.Builder builder, int maxPreemptions, long budget,
            Consumer<Simulation> scenario) {
        if (maxPreemptions < 0) {
            throw new IllegalArgumentException("search: maxPreemptions must be >= 0, got " + maxPreemptions);
        }
        if (budget < 1) {
            throw new IllegalArgumentException("search: budget must be >= 1 run, got " + budget);
        }
        long used = 0;
        long schedules = 0;
        for (int bound = 0; bound <= maxPreemptions; bound++) {
            schedules = 0;
            int[] prefix = new int[0];
            while (prefix != null) {
                if (used == budget) {
                    return new SearchReport(maxPreemptions, schedules, false, null, maxPreemptions, "");
                }
                SearchChoices choices = new SearchChoices(prefix);
                Simulation sim = builder.copyWith(choices, builder.traceCapacity()).scheduler(Scheduler.bounded(bound))
                        .build();
                used++;
                schedules++;
                try {
                    scenario.accept(sim);
                } catch (RuntimeException | AssertionError e) {
                    return new SearchReport(maxPreemptions, schedules, false, e, bound, choices.replayString());
                }
                prefix = choices.next();
            }
        }
        return new SearchReport(maxPreemptions, schedules, true, null, maxPreemptions, "");
    }
}
