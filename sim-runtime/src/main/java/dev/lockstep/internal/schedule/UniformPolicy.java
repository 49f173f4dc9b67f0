package dev.lockstep.internal.schedule;

import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;


/**
 * Uniform random scheduling: a choice in {@code [0, n)} over the runnable tasks in wake order,
 * drawn only when more than one is runnable; 0 is FIFO. This is the executor's plain behaviour:
 * a run with this policy and no faults draws and traces exactly what the executor always did.
 */
final class UniformPolicy<T extends Schedulable> implements SchedulePolicy<T> {
    private final RuntimeHandle run;
    private final Trace trace;

    UniformPolicy(RuntimeHandle run, Trace trace) {
        this.run = run;
        this.trace = trace;
    }

    @Override
    public int pick(RunQueue<T> queue) {
        int n = queue.size();
        if (n == 1) {
            return 0;
        }
        int index = run.choices().choose(n);
        trace.add(new TraceEvent.Choice(run.step(), run.nanos(), "schedule", n, index));
        return index;
    }
}
