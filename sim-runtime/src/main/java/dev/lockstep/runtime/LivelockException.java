package dev.lockstep.runtime;

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
}
