package dev.lockstep.sync;

import dev.lockstep.future.Future;
import dev.lockstep.internal.sync.AcquireFuture;
import dev.lockstep.internal.sync.FairPermits;
import java.util.Optional;

/**
 * A fair mutual-exclusion lock for futures that guards a value, like tokio's {@code Mutex}: a
 * task waiting for it returns {@code Pending} instead of blocking its thread.
 *
 * <pre>{@code
 * Mutex<Map<String, Integer>> counts = Mutex.of(new HashMap<>());
 * try (MutexGuard<Map<String, Integer>> g = a.await(counts.lock())) {
 *     g.get().merge(key, 1, Integer::sum);
 *     a.await(flush(g.get()));          // still held across the await
 * }
 * }</pre>
 *
 * <h2>Returns</h2>
 * {@link #lock()} is a future of a {@link MutexGuard}, which gives the value and releases the lock
 * when closed. {@link #tryLock()} returns a guard now, or empty.
 *
 * <h2>Fairness</h2>
 * FIFO: the lock goes to the waiters in the order they first waited, handed over directly by the
 * guard's {@code close()} (no barging: a {@code tryLock} fails while anybody waits).
 *
 * <h2>Waker</h2>
 * A waiting {@code lock()} stores the waker of its latest poll; a release wakes only the next owner.
 *
 * <h2>Cancellation</h2>
 * A cancelled {@code lock()} leaves the queue. If the lock had been handed to it and it was not
 * polled since, the lock passes straight to the next waiter (or becomes free): a cancelled waiter
 * never swallows the hand-over.
 *
 * <h2>After completion</h2>
 * A lock future completes once; polling it again throws {@link IllegalStateException}.
 *
 * <h2>Errors</h2>
 * Using a guard after {@code close()} throws {@link IllegalStateException}. The lock is not
 * reentrant: a task that awaits {@code lock()} while it holds a guard deadlocks, which a
 * simulation reports as a {@code DeadlockException}.
 *
 * <h2>Determinism</h2>
 * The order of owners follows the order of polls, which the simulation decides from its choices.
 *
 * <h2>Threads</h2>
 * Thread-safe, like {@link Semaphore}: tasks of several {@code RealRuntime}s may share it; a
 * guard's value is published to the next owner by the lock's hand-over (happens-before). In a
 * simulation, every use stays on its thread.
 *
 * @param <T> the guarded value's type
 */
public final class Mutex<T> {
    private final FairPermits permits = new FairPermits(1);
    /** The guarded value; read and written only by the guard's holder. */
    private T value;

    private Mutex(T value) {
        this.value = value;
    }

    /** A free mutex guarding {@code value} (which may be {@code null}). */
    public static <T> Mutex<T> of(T value) {
        return new Mutex<>(value);
    }

    /** A future of the lock; see the class comment. */
    public Future<MutexGuard<T>> lock() {
        return new AcquireFuture<>(permits.acquisition(1), () -> new MutexGuard<>(this), "Mutex.lock()");
    }

    /** The lock now, or empty if it is held or somebody waits. */
    public Optional<MutexGuard<T>> tryLock() {
        return permits.tryAcquire(1) ? Optional.of(new MutexGuard<>(this)) : Optional.empty();
    }

    /** Whether the lock is held (or handed to a waiter that has not run yet). */
    public boolean isLocked() {
        return permits.available() == 0;
    }

    T value() {
        return value;
    }

    void value(T v) {
        value = v;
    }

    void unlock() {
        permits.release(1);
    }

    @Override
    public String toString() {
        return "Mutex[" + (isLocked() ? "locked" : "free") + ", " + permits.waiting() + " waiting]";
    }
}
