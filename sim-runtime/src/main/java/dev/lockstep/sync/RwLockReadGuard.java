package dev.lockstep.sync;

/**
 * Shared (read) ownership of an {@link RwLock}: access to its value until {@link #close()}.
 *
 * <h2>After close</h2>
 * {@code close()} releases this share to the oldest waiters; it is idempotent. Using the guard
 * after it throws {@link IllegalStateException}.
 *
 * @param <T> the guarded value's type
 */
public final class RwLockReadGuard<T> implements AutoCloseable {
    private final RwLock<T> lock;
    private boolean released;

    RwLockReadGuard(RwLock<T> lock) {
        this.lock = lock;
    }

    /** The guarded value. */
    public T get() {
        check("get");
        return lock.value();
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
        lock.release(1);
    }

    private void check(String op) {
        if (released) {
            throw new IllegalStateException("RwLockReadGuard." + op + "() after close(): the lock was released");
        }
    }

    @Override
    public String toString() {
        return "RwLockReadGuard[" + (released ? "released" : "held") + "]";
    }
}
