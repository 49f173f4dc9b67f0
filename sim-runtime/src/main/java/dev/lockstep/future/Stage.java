package dev.lockstep.future;

/**
 * Where a combinator is in its life. Every combinator of this package keeps one and checks it at
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

    /**
     * Throws unless the combinator may be polled.
     *
     * @param combinator the combinator's name as the user wrote it ({@code "select"})
     * @param cx         the poll's context, whose runtime says where the run is
     * @throws IllegalStateException if this is not {@link #RUNNING}
     */
    public void checkPollable(String combinator, Context cx) {
        switch (this) {
            case RUNNING -> { }
            case COMPLETED -> throw new IllegalStateException(combinator
                    + " polled after completion (it already returned Ready or threw) at "
                    + cx.runtime().describe()
                    + "; poll a future until it completes, once, or fuse() it to poll it again");
            case CANCELLED -> throw new IllegalStateException(combinator
                    + " polled after cancel at " + cx.runtime().describe()
                    + "; a cancelled future must not be polled again");
        }
    }
}
