package dev.lockstep.runtime;

import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceHash;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A livelock: for {@code livelockSteps} polls in a row the run made no progress. The clock stood
 * still, no timer fired, no task was spawned or finished and no wake came from outside the tasks;
 * the tasks only woke each other or themselves. Found early, so the run fails in milliseconds
 * instead of spinning to {@code maxSteps}. {@link #tasks()} names the tasks that kept running.
 *
 * <p>A subclass of {@link StepLimitException}: code that catches a step limit catches this too.
 */
public final class LivelockException extends StepLimitException {
    private final List<String> tasks;

    LivelockException(String message, List<String> tasks, long step, long nanos, String replay) {
        super(message, step, nanos, replay);
        this.tasks = List.copyOf(tasks);
    }

    /** The tasks still being polled in the second half of the window, as {@code 'name'#id}, in spawn order. */
    public List<String> tasks() {
        return tasks;
    }

    static LivelockException of(Simulation sim, Trace trace, Collection<Task> live, long since, long window) {
        List<String> names = new ArrayList<>();
        long recent = since + window / 2;
        for (Task t : live) {
            if (t.lastPendingStep >= recent) {
                names.add(t.toString());
            }
        }
        String who = names.isEmpty() ? "the remaining tasks" : names.size() == 1 ? "task " + names.get(0)
                : "tasks " + String.join(", ", names);
        String message = "livelock: " + who + " kept waking " + (names.size() == 1 ? "itself" : "each other or"
                + " themselves") + " for " + window + " polls in a row (since step " + since + ", t="
                + TraceHash.time(sim.nanos()) + ") with no progress: the clock stood still, no timer fired, no task"
                + " was spawned or finished, nothing outside the tasks woke one. Fix the busy wake (a waker called on"
                + " every poll, a yield loop waiting for a condition no task changes); if the run really spins this"
                + " long, raise livelockSteps.\nlast events:\n" + Trace.format(trace.tail(12));
        return new LivelockException(message, names, sim.step(), sim.nanos(), sim.replayString());
    }
}
