package dev.lockstep.runtime;

/**
 * Something that happened on a thread other than the simulation's (a wake, a completed
 * {@code CompletableFuture}, a call into a virtual executor), kept by {@link ForeignThreads} until
 * the run loop reports it.
 *
 * @param event  what happened, as a clause ({@code "task 'waiter'#0 was woken"})
 * @param detail more about it, or {@code ""}
 * @param thread the name of the thread it happened on
 * @param stack  a throwable created on that thread, whose stack shows where; the cause of the
 *               {@link NondeterminismException} that reports it
 */
record ForeignWake(String event, String detail, String thread, Throwable stack) {
    /** {@code "<event> on thread '<thread>' (<detail>)"}, without the parentheses when there is no detail. */
    String describe() {
        return event + " on thread '" + thread + "'" + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
