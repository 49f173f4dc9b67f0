package dev.lockstep.runtime;

/**
 * A run went past {@code maxSteps} polls or {@code maxVirtualTime}: usually a livelock (tasks that
 * keep waking each other without progress) or a loop that never sleeps. The message carries the
 * tail of the trace.
 */
public class StepLimitException extends SimulationException {
    public StepLimitException(String message, long step, long nanos, String replay) {
        super(message, step, nanos, replay, null);
    }
}
