package dev.lockstep.async;

/**
 * A runtime service that makes async futures report each suspension at which they hold more than
 * {@code bytes} (as measured by {@link Async#retainedSize}) as a {@code TraceEvent.Note} in the
 * run's trace: the way to find futures that keep large state across an {@code await}.
 *
 * <pre>{@code
 * sim.install(LargeFutureThreshold.class, new LargeFutureThreshold(64 * 1024));
 * }</pre>
 *
 * <p>Install it before the run starts: an async future looks the service up at its first poll.
 * The note names the task, the step, the virtual time, the estimate and the type of the future
 * being awaited. Measuring walks the suspended future's reachable objects reflectively at every
 * suspension, which slows every await: install it to hunt for large futures, not in every run.
 *
 * @param bytes the threshold; a suspension holding more is reported
 */
public record LargeFutureThreshold(long bytes) {

    /** Validates the threshold. */
    public LargeFutureThreshold {
        if (bytes < 0) {
            throw new IllegalArgumentException("LargeFutureThreshold needs bytes >= 0, got " + bytes);
        }
    }
}
