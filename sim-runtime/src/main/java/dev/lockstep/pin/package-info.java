/**
 * Pinning: the place a future is polled from. {@link dev.lockstep.pin.Pin} records where a future was
 * first polled; moving it afterwards is allowed only for {@link dev.lockstep.future.Unpin} futures, and
 * {@link dev.lockstep.pin.Movable} says how one is copied. A violation is a
 * {@link dev.lockstep.pin.PinViolationException} carrying the first poll and the move.
 */
package dev.lockstep.pin;
