package dev.lockstep.runtime;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * PCT scheduling for one run (see {@link Scheduler} for the algorithm and its guarantee).
 *
 * <p>State: the known tasks in priority order, highest first: the initial band, where a task is
 * inserted at a drawn rank when it first takes part in a decision, then the demoted tasks in
 * demotion order (each demotion goes below all earlier ones). The change points are decision
 * numbers drawn at construction. Ranks are a cache rebuilt when the order changes; finished tasks
 * are dropped then.
 */
final class PctPolicy implements SchedulePolicy {
    private final Simulation sim;
    private final int depth;
    /** Decision numbers (1-based) at which the last task is demoted; 0 = this change point is off. */
    private final long[] changePoints;
    /** After this many decisions the run continues uniformly random (fairness for spin waits). */
    private final long fairAfter;
    private final UniformPolicy fallback;
    /** Highest priority first. */
    private final List<Task> initial = new ArrayList<>();
    /** Demoted tasks, below every initial one; earlier demotions rank higher. */
    private final List<Task> demoted = new ArrayList<>();
    /** Task to position in {@code initial ++ demoted}; null when the order changed since. */
    private IdentityHashMap<Task, Integer> ranks;
    private long decisions;
    /** The task picked last, demoted at a change point. */
    private Task last;

    PctPolicy(Simulation sim, int depth, long estimatedSteps) {
        this.sim = sim;
        this.depth = depth;
        this.changePoints = new long[depth - 1];
        for (int i = 0; i < changePoints.length; i++) {
            changePoints[i] = sim.choices().choose((int) estimatedSteps + 1);
        }
        this.fairAfter = 2 * estimatedSteps;
        this.fallback = new UniformPolicy(sim);
    }

    @Override
    public int pick(RunQueue queue) {
        int n = queue.size();
        if (n == 1) {
            last = queue.get(0);
            return 0;
        }
        decisions++;
        if (decisions > fairAfter) {
            int index = fallback.pick(queue);
            last = queue.get(index);
            return index;
        }
        for (int i = 0; i < n; i++) {
            Task t = queue.get(i);
            if (rank(t) < 0) {
                int below = sim.choices().choose(initial.size() + 1);
                initial.add(initial.size() - below, t);
                ranks = null;
            }
        }
        for (int i = 0; i < changePoints.length; i++) {
            if (changePoints[i] == decisions && last != null && !last.isDone()) {
                demote(last, i + 1);
            }
        }
        int best = 0;
        int bestRank = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            int r = rank(queue.get(i));
            if (r < bestRank) {
                bestRank = r;
                best = i;
            }
        }
        sim.trace().add(new TraceEvent.Choice(sim.step(), sim.nanos(), "pct", n, best));
        last = queue.get(best);
        return best;
    }

    private void demote(Task t, int point) {
        if (!initial.remove(t)) {
            demoted.remove(t);
        }
        demoted.add(t);
        ranks = null;
        sim.trace().add(new TraceEvent.Fault(sim.step(), sim.nanos(), t.id, t.name, "preempt",
                "PCT change point " + point + " of " + (depth - 1) + " at decision " + decisions
                        + ": demoted below every other task"));
    }

    /** The task's position in priority order (0 = highest), or -1 if it has none yet. */
    private int rank(Task t) {
        if (ranks == null) {
            initial.removeIf(Task::isDone);
            demoted.removeIf(Task::isDone);
            ranks = new IdentityHashMap<>();
            int r = 0;
            for (Task x : initial) {
                ranks.put(x, r++);
            }
            for (Task x : demoted) {
                ranks.put(x, r++);
            }
        }
        Integer r = ranks.get(t);
        return r == null ? -1 : r;
    }
}
