package dev.lockstep.internal.future;

/**
 * Where a combinator is in its life. Every combinator of {@code dev.lockstep.future} keeps one and checks it at
 * the start of each poll, so that misuse fails loudly instead of polling a child that completed.
 *
 * <p>A combinator that is {@link #COMPLETED} or {@link #CANCELLED} has dropped (nulled) every
 * child it held.
 */
public enum Stage {
    /** Not complete yet: may be polled and cancelled. */
    RUNNING,
    /** Returned {@code Ready} or threw from {@code poll}; further polls are misuse. */
    COMPLETED,
    /** Cancelled before completion; further polls are misuse. */
    CANCELLED;

    /** Whether the combinator may be polled: it is {@link #RUNNING}. */
    public boolean isPollable() {
        return this == RUNNING;
    }

    /**
     * The error for a poll of a combinator that is not {@link #RUNNING}.
     *
     * @param combinator the combinator's name as the user wrote it ({@code "select"})
     * @param where      where the run is ({@code RuntimeHandle.describe()} of the poll's runtime)
     * @throws IllegalStateException if this is {@link #RUNNING}, which is no misuse
     */
    public IllegalStateException misuse(String combinator, String where) {
        return switch (this) {
            case RUNNING -> throw new IllegalStateException(combinator + " is running; polling it is no misuse");
            case COMPLETED -> new IllegalStateException(combinator
                    + " polled after completion (it already returned Ready or threw) at " + where
                    + "; poll a future until it completes, once, or fuse() it to poll it again");
            case CANCELLED -> new IllegalStateException(combinator
                    + " polled after cancel at " + where + "; a cancelled future must not be polled again");
        };
    }
}
