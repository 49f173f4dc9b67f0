package dev.lockstep.internal.schedule;

import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * PCT scheduling for one run (see {@link dev.lockstep.schedule.Scheduler} for the algorithm and its guarantee).
 *
 * <p>State: the known tasks in priority order, highest first: the initial band, where a task is
 * inserted at a drawn rank when it first takes part in a decision, then the demoted tasks in
 * demotion order (each demotion goes below all earlier ones). The change points are decision
 * numbers drawn at construction. Ranks are a cache rebuilt when the order changes; finished tasks
 * are dropped then.
 */
final class PctPolicy<T extends Schedulable> implements SchedulePolicy<T> {
    private final RuntimeHandle run;
    private final Trace trace;
    private final int depth;
    /** Decision numbers (1-based) at which the last task is demoted; 0 = this change point is off. */
    private final long[] changePoints;
    /** After this many decisions the run continues uniformly random (fairness for spin waits). */
    private final long fairAfter;
    private final UniformPolicy<T> fallback;
    /** Highest priority first. */
    private final List<T> initial = new ArrayList<>();
    /** Demoted tasks, below every initial one; earlier demotions rank higher. */
    private final List<T> demoted = new ArrayList<>();
    /** Task to position in {@code initial ++ demoted}; null when the order changed since. */
    private IdentityHashMap<T, Integer> ranks;
    private long decisions;
    /** The task picked last, demoted at a change point. */
    private T last;

    PctPolicy(RuntimeHandle run, Trace trace, int depth, long estimatedSteps) {
        this.run = run;
        this.trace = trace;
        this.depth = depth;
        this.changePoints = new long[depth - 1];
        for (int i = 0; i < changePoints.length; i++) {
            changePoints[i] = run.choices().choose((int) estimatedSteps + 1);
        }
        this.fairAfter = 2 * estimatedSteps;
        this.fallback = new UniformPolicy<>(run, trace);
    }

    @Override
    public int pick(RunQueue<T> queue) {
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
            T t = queue.get(i);
            if (rank(t) < 0) {
                int below = run.choices().choose(initial.size() + 1);
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
        trace.add(new TraceEvent.Choice(run.step(), run.nanos(), "pct", n, best));
        last = queue.get(best);
        return best;
    }

    private void demote(T t, int point) {
        if (!initial.remove(t)) {
            demoted.remove(t);
        }
        demoted.add(t);
        ranks = null;
        trace.add(new TraceEvent.Fault(run.step(), run.nanos(), t.id(), t.name(), "preempt",
                "PCT change point " + point + " of " + (depth - 1) + " at decision " + decisions
                        + ": demoted below every other task"));
    }

    /** The task's position in priority order (0 = highest), or -1 if it has none yet. */
    private int rank(T t) {
        if (ranks == null) {
            initial.removeIf(Schedulable::isDone);
            demoted.removeIf(Schedulable::isDone);
            ranks = new IdentityHashMap<>();
            int r = 0;
            for (T x : initial) {
                ranks.put(x, r++);
            }
            for (T x : demoted) {
                ranks.put(x, r++);
            }
        }
        Integer r = ranks.get(t);
        return r == null ? -1 : r;
    }
}
