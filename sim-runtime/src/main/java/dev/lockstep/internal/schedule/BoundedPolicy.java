package dev.lockstep.internal.schedule;

import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;

/**
 * Preemption-bounded scheduling for exhaustive search ({@code Scheduler.bounded}): choice 0
 * continues the task that ran last while it is runnable, any other choice preempts it, at most
 * {@code maxPreemptions} times per run; where the last task is not runnable every runnable task
 * is a free choice. Nothing is drawn when only one option is left, so the search enumerates
 * exactly the schedules within the bound.
 */
final class BoundedPolicy<T extends Schedulable> implements SchedulePolicy<T> {
    private final RuntimeHandle run;
    private final Trace trace;
    private int preemptionsLeft;
    /** The task picked last; null before the first pick. */
    private T last;

    BoundedPolicy(RuntimeHandle run, Trace trace, int maxPreemptions) {
        this.run = run;
        this.trace = trace;
        this.preemptionsLeft = maxPreemptions;
    }

    @Override
    public int pick(RunQueue<T> queue) {
        int n = queue.size();
        int lastIndex = -1;
        if (last != null && !last.isDone()) {
            for (int i = 0; i < n; i++) {
                if (queue.get(i) == last) {
                    lastIndex = i;
                    break;
                }
            }
        }
        int index;
        if (n == 1) {
            index = 0;
        } else if (lastIndex < 0) {
            index = run.choices().choose(n);
            trace.add(new TraceEvent.Choice(run.step(), run.nanos(), "dfs", n, index));
        } else if (preemptionsLeft == 0) {
            index = lastIndex;
        } else {
            int c = run.choices().choose(n);
            trace.add(new TraceEvent.Choice(run.step(), run.nanos(), "dfs", n, c));
            if (c == 0) {
                index = lastIndex;
            } else {
                // The c-th other runnable task, in wake order, skipping the last one.
                index = c - 1 < lastIndex ? c - 1 : c;
                preemptionsLeft--;
                T next = queue.get(index);
                trace.add(new TraceEvent.Fault(run.step(), run.nanos(), last.id(), last.name(), "preempt",
                        "still runnable, preempted by '" + next.name() + "'#" + next.id() + "; "
                                + preemptionsLeft + " preemptions left"));
            }
        }
        last = queue.get(index);
        return index;
    }
}
