package dev.lockstep.sync;

import dev.lockstep.future.Future;
import dev.lockstep.internal.sync.AcquireFuture;
import dev.lockstep.internal.sync.FairPermits;
import java.util.Optional;

/**
 * A fair reader-writer lock for futures that guards a value, like tokio's {@code RwLock}: many
 * readers or one writer.
 *
 * <h2>Returns</h2>
 * {@link #read()} is a future of an {@link RwLockReadGuard}, {@link #write()} of an
 * {@link RwLockWriteGuard}; each releases its share when closed. {@code tryRead} and
 * {@code tryWrite} return a guard now, or empty.
 *
 * <h2>Fairness</h2>
 * FIFO over both kinds (the lock is a {@link Semaphore} of {@value #MAX_READERS} permits; a reader
 * takes one, a writer all): a waiting writer makes later readers wait behind it, so writers are
 * not starved; readers that arrive together are admitted together.
 *
 * <h2>Waker, Cancellation, After completion</h2>
 * As {@link Mutex}: a waiting future stores only its latest waker; a cancelled one leaves the
 * queue, and a grant it had not yet taken passes on to the next waiters; polling a completed
 * future throws {@link IllegalStateException}.
 *
 * <h2>Errors</h2>
 * Using a guard after {@code close()} throws {@link IllegalStateException}. More than
 * {@value #MAX_READERS} readers at once wait for one to leave.
 *
 * <h2>Determinism, Threads</h2>
 * As {@link Mutex}: thread-safe; in a simulation, every use stays on its thread.
 *
 * @param <T> the guarded value's type
 */
public final class RwLock<T> {
    /** Readers that may hold the lock at once. */
    public static final int MAX_READERS = 1 << 28;

    private final FairPermits permits = new FairPermits(MAX_READERS);
    private T value;

    private RwLock(T value) {
        this.value = value;
    }

    /** A free lock guarding {@code value} (which may be {@code null}). */
    public static <T> RwLock<T> of(T value) {
        return new RwLock<>(value);
    }

    /** A future of a shared (read) lock. */
    public Future<RwLockReadGuard<T>> read() {
        return new AcquireFuture<>(permits.acquisition(1), () -> new RwLockReadGuard<>(this), "RwLock.read()");
    }

    /** A future of the exclusive (write) lock. */
    public Future<RwLockWriteGuard<T>> write() {
        return new AcquireFuture<>(permits.acquisition(MAX_READERS), () -> new RwLockWriteGuard<>(this),
                "RwLock.write()");
    }

    /** A read lock now, or empty if a writer holds or waits for the lock. */
    public Optional<RwLockReadGuard<T>> tryRead() {
        return permits.tryAcquire(1) ? Optional.of(new RwLockReadGuard<>(this)) : Optional.empty();
    }

    /** The write lock now, or empty if anybody holds or waits for the lock. */
    public Optional<RwLockWriteGuard<T>> tryWrite() {
        return permits.tryAcquire(MAX_READERS) ? Optional.of(new RwLockWriteGuard<>(this)) : Optional.empty();
    }

    /** Readers holding the lock now ({@code -1} while a writer holds it). */
    public long readers() {
        long free = permits.available();
        return free == 0 ? -1 : MAX_READERS - free;
    }

    T value() {
        return value;
    }

    void value(T v) {
        value = v;
    }

    void release(long n) {
        permits.release(n);
    }

    @Override
    public String toString() {
        long r = readers();
        return "RwLock[" + (r < 0 ? "written" : r + " readers") + ", " + permits.waiting() + " waiting]";
    }
}
