package dev.lockstep.runtime;

/**
 * Uniform random scheduling: a choice in {@code [0, n)} over the runnable tasks in wake order,
 * drawn only when more than one is runnable; 0 is FIFO. This is the executor's plain behaviour:
 * a run with this policy and no faults draws and traces exactly what the executor always did.
 */
final class UniformPolicy implements SchedulePolicy {
    private final Simulation sim;

    UniformPolicy(Simulation sim) {
        this.sim = sim;
    }

    @Override
    public int pick(RunQueue queue) {
        int n = queue.size();
        if (n == 1) {
            return 0;
        }
        int index = sim.choices().choose(n);
        sim.trace().add(new TraceEvent.Choice(sim.step(), sim.nanos(), "schedule", n, index));
        return index;
    }
}
