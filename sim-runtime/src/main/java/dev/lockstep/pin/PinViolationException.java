package dev.lockstep.pin;

/**
 * A future that may refer back to itself was moved after it was polled: {@link Pin#unpin()} of a
 * polled future that is not {@link Unpin}.
 *
 * <p>Two stacks come with it: the stack of the future's first poll ({@link #firstPoll()}, also
 * attached as a suppressed exception so it prints with this one) and the stack of the move, which
 * is this exception's own.
 */
public final class PinViolationException extends RuntimeException {
    /** Where the future was first polled; {@code null} if unknown. */
    private final Throwable firstPoll;

    /**
     * A violation described by {@code message}.
     *
     * @param message   what was moved, how often it had been polled, and how to fix it
     * @param firstPoll the stack of the first poll, or {@code null} if unknown
     */
    public PinViolationException(String message, Throwable firstPoll) {
        super(message);
        this.firstPoll = firstPoll;
        if (firstPoll != null) {
            addSuppressed(firstPoll);
        }
    }

    /** The stack of the future's first poll, or {@code null} if unknown. */
    public Throwable firstPoll() {
        return firstPoll;
    }
}
