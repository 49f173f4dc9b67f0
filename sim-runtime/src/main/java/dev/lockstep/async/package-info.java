/**
 * Sequential code over futures: {@link dev.lockstep.async.Async#async} runs a body as a generator
 * that suspends at each {@code a.await(f)} whose future is {@code Pending}.
 * <p>Backends (in {@code dev.lockstep.internal.generator}): the JDK's {@code Continuation} when its
 * package is exported to Lockstep, otherwise a strict hand-off to one virtual thread per body. Only one
 * side runs at a time, so a body is as deterministic as a hand-written state machine. Cancelling the
 * future unwinds the body (its {@code finally} blocks run) and cancels what it awaited.
 */
package dev.lockstep.async;
