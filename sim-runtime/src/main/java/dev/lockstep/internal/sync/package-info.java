/**
 * The parts behind {@code dev.lockstep.sync} that users do not need: the waiter queue and wake
 * list every primitive uses, and the shared states of the channels and locks.
 *
 * <p>A primitive keeps its waiting futures as {@link dev.lockstep.internal.sync.Waiter} nodes in a
 * {@link dev.lockstep.internal.sync.WaiterQueue} (FIFO, O(1) removal on cancel), changes them
 * under its own lock, and wakes the wakers it took only after releasing it
 * ({@link dev.lockstep.internal.sync.WakeList}). The states ({@code OneshotState},
 * {@code MpscChannel}, {@code BroadcastState}, {@code WatchState}) and the futures behind
 * {@code acquire}/{@code lock} ({@code AcquireFuture}) and a bounded {@code send}
 * ({@code SendFuture}) live here; a receiver's position is a
 * {@link dev.lockstep.internal.sync.Cursor} guarded by its state's monitor.
 *
 * <p>Invariants: this package depends on nothing of {@code dev.lockstep.sync} (the public types
 * build their results through small callbacks, such as {@code BroadcastState.Outcomes}), so the
 * two packages form no cycle.
 */
package dev.lockstep.internal.sync;
