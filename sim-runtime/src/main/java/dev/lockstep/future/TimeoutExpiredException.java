package dev.lockstep.future;

import java.time.Duration;

/** Thrown by a {@link Timeout} whose inner future did not complete in time. */
public class TimeoutExpiredException extends RuntimeException {
    private final Duration limit;

    public TimeoutExpiredException(String message, Duration limit) {
        super(message);
        this.limit = limit;
    }

    /** The limit that elapsed. */
    public Duration limit() {
        return limit;
    }
}
