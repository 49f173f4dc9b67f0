/**
 * Helpers of the combinators in {@code dev.lockstep.future} that users do not need:
 * {@link dev.lockstep.internal.future.Stage}, the life of a combinator (running, completed,
 * cancelled) and the message for a poll after it ended.
 *
 * <p>Invariants: depends on nothing of the project, so the future model can use it without a
 * package cycle.
 */
package dev.lockstep.internal.future;
