package dev.lockstep.sync;

/**
 * Exclusive (write) ownership of an {@link RwLock}: access to its value until {@link #close()}.
 *
 * <h2>After close</h2>
 * {@code close()} releases this share to the oldest waiters; it is idempotent. Using the guard
 * after it throws {@link IllegalStateException}.
 *
 * @param <T> the guarded value's type
 */
public final class RwLockWriteGuard<T> implements AutoCloseable {
    private final RwLock<T> lock;
    private boolean released;

    RwLockWriteGuard(RwLock<T> lock) {
        this.lock = lock;
    }

    /** The guarded value. */
    public T get() {
        check("get");
        return lock.value();
    }

    /** Replaces the guarded value. */
    public void set(T value) {
        check("set");
        lock.value(value);
    }

    /** Releases this share of the lock. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
        }
        lock.release(RwLock.MAX_READERS);
    }

    private void check(String op) {
        if (released) {
            throw new IllegalStateException("RwLockWriteGuard." + op + "() after close(): the lock was released");
        }
    }

    @Override
    public String toString() {
        return "RwLockWriteGuard[" + (released ? "released" : "held") + "]";
    }
}
