package dev.lockstep.sync;

/**
 * Ownership of a {@link Mutex}: access to its value until {@link #close()}.
 *
 * <h2>After close</h2>
 * {@code close()} hands the lock to the oldest waiter; it is idempotent. {@link #get()} and
 * {@link #set} after it throw {@link IllegalStateException}.
 *
 * <h2>Threads</h2>
 * Use a guard from one task at a time; it may be closed on another thread.
 *
 * @param <T> the guarded value's type
 */
public final class MutexGuard<T> implements AutoCloseable {
    private final Mutex<T> mutex;
    private boolean released;

    MutexGuard(Mutex<T> mutex) {
        this.mutex = mutex;
    }

    /** The guarded value. */
    public T get() {
        check("get");
        return mutex.value();
    }

    /** Replaces the guarded value. */
    public void set(T value) {
        check("set");
        mutex.value(value);
    }

    /** Releases the lock to the next waiter. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
        }
        mutex.unlock();
    }

    private void check(String op) {
        if (released) {
            throw new IllegalStateException("MutexGuard." + op + "() after close(): the lock was released");
        }
    }

    @Override
    public String toString() {
        return "MutexGuard[" + (released ? "released" : "held") + "]";
    }
}
