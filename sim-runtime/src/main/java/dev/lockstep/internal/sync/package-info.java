/**
 * The waiter queue and wake list behind {@code dev.lockstep.sync}: helpers users do not need.
 *
 * <p>A primitive keeps its waiting futures as {@link dev.lockstep.internal.sync.Waiter} nodes in a
 * {@link dev.lockstep.internal.sync.WaiterQueue} (FIFO, O(1) removal on cancel), changes them
 * under its own lock, and wakes the wakers it took only after releasing it
 * ({@link dev.lockstep.internal.sync.WakeList}).
 */
package dev.lockstep.internal.sync;
