/**
 * The async toolkit: channels, locks, permits and signals for poll-based futures, in the manner of
 * {@code tokio::sync}, each a leaf future that keeps the poll contract of
 * {@link dev.lockstep.future.Future}.
 *
 * <ul>
 *   <li>Channels: {@link dev.lockstep.sync.Oneshot}, {@link dev.lockstep.sync.Mpsc} (bounded with
 *       backpressure, or unbounded), {@link dev.lockstep.sync.Broadcast} (lag counted),
 *       {@link dev.lockstep.sync.Watch} (latest value). Receivers of {@code Mpsc} and
 *       {@code Broadcast} are {@link dev.lockstep.stream.Stream}s.
 *   <li>Locks and permits: {@link dev.lockstep.sync.Mutex}, {@link dev.lockstep.sync.RwLock},
 *       {@link dev.lockstep.sync.Semaphore} (all FIFO-fair), {@link dev.lockstep.sync.Notify},
 *       {@link dev.lockstep.sync.Barrier}, {@link dev.lockstep.sync.CancellationToken}.
 * </ul>
 *
 * <h2>What every waiting future promises</h2>
 * <ul>
 *   <li><b>Waker</b>: a {@code Pending} poll stores the waker of that poll with the primitive,
 *       replacing the one of an earlier poll; only it is woken. A spurious poll re-checks.
 *   <li><b>Cancellation</b>: each implements {@link dev.lockstep.future.Cancellable}; cancelling
 *       removes its waiter slot, so nothing stays registered. A cancelled receive loses no message;
 *       a cancelled {@code lock()}, {@code acquire()}, {@code send()} of a bounded channel or
 *       {@code notified()} that had just been granted passes the grant on.
 *   <li><b>After completion</b>: polling a completed future throws {@link IllegalStateException}.
 *   <li><b>Determinism</b>: who is served follows the order of polls, which a simulation decides
 *       from its choices; nothing reads time or randomness.
 *   <li><b>Threads</b>: every primitive is thread-safe (an internal lock; wakers are woken after it
 *       is released), so on {@code RealRuntime} a sender or notifier may run on another thread. In
 *       a simulation, a wake from another thread is reported as nondeterminism.
 * </ul>
 * The guide {@code docs/sync.md} compares each primitive with its tokio counterpart.
 */
package dev.lockstep.sync;
