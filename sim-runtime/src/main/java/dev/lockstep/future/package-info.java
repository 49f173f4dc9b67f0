/**
 * The future model: {@link dev.lockstep.future.Future}, {@link dev.lockstep.future.Poll},
 * {@link dev.lockstep.future.Context} and {@link dev.lockstep.future.Waker}, the handle a polled future sees
 * ({@link dev.lockstep.future.RuntimeHandle}, {@link dev.lockstep.future.JoinHandle},
 * {@link dev.lockstep.future.TimerRegistration}) and the combinators of {@link dev.lockstep.future.Futures}.
 * <p>Invariants: a future that returns {@code Pending} has arranged for the waker of that poll to be woken;
 * every combinator keeps a {@link dev.lockstep.internal.future.Stage} and fails loudly when polled after completion or cancel; a
 * combinator that drops a child cancels it ({@link dev.lockstep.future.Cancellable}). Nothing here
 * reads real time: {@link dev.lockstep.future.Timeout} reads the polling runtime's clock.
 * <p>This package depends on nothing of the executor: the simulation and the real NIO runtime both
 * implement {@link dev.lockstep.future.RuntimeHandle}.
 */
package dev.lockstep.future;
