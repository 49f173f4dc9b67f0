package dev.lockstep.internal.sync;

/**
 * A counting semaphore whose waiters are served strictly in arrival order: the core of
 * {@code Semaphore}, {@code Mutex}, {@code RwLock} and the capacity of a bounded {@code Mpsc}.
 *
 * <h2>Fairness</h2>
 * Permits released go to the oldest waiter first. A waiter asking for more permits than are free
 * blocks every waiter behind it, even those that would fit (so a writer of an {@code RwLock} is
 * not starved by a stream of readers); an immediate acquisition succeeds only when nobody waits.
 *
 * <h2>Closing</h2>
 * {@link #close()} serves every waiter with {@link #CLOSED} and fails every later acquisition;
 * permits still held may be released as usual.
 *
 * <h2>Threads</h2>
 * Thread-safe: state changes under this object's monitor; wakers are woken after it is released.
 */
public final class FairPermits {
    /** An acquisition that is still waiting. */
    public static final int PENDING = 0;
    /** An acquisition that holds its permits. */
    public static final int GRANTED = 1;
    /** An acquisition that failed because the permits were closed. */
    public static final int CLOSED = 2;
    /** An acquisition that was cancelled. */
    public static final int CANCELLED = 3;

    /** Permits free to take; never negative. */
    private long available;
    /** Waiting acquisitions, oldest first; the head is the next to be served. */
    private final WaiterQueue queue = new WaiterQueue();
    private boolean closed;

    /** {@code permits} free permits. */
    public FairPermits(long permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("permits must be >= 0, got " + permits);
        }
        this.available = permits;
    }

    /** A new acquisition of {@code n} permits, not yet started (it starts at its first poll). */
    public Acquisition acquisition(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("acquire needs at least 1 permit, got " + n);
        }
        return new Acquisition(this, n);
    }

    /** Takes {@code n} permits now if nobody waits and enough are free; returns whether it did. */
    public synchronized boolean tryAcquire(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("tryAcquire needs at least 1 permit, got " + n);
        }
        if (closed || !queue.isEmpty() || available < n) {
            return false;
        }
        available -= n;
        return true;
    }

    /** Adds {@code n} permits (a release), serving waiters in order. */
    public void release(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot release a negative number of permits: " + n);
        }
        WakeList wakes;
        synchronized (this) {
            if (Long.MAX_VALUE - available < n) {
                throw new IllegalArgumentException("releasing " + n + " permits overflows the " + available
                        + " free ones");
            }
            available += n;
            if (queue.isEmpty()) {
                return;   // the common case of an uncontended release: nothing to wake
            }
            wakes = new WakeList();
            serve(wakes);
        }
        wakes.wakeAll();
    }

    /** Closes: waiting and later acquisitions end {@link #CLOSED}. Idempotent. */
    public void close() {
        WakeList wakes = new WakeList();
        synchronized (this) {
            closed = true;
            for (Waiter w : queue.drain()) {
                wakes.add(w.serve(CLOSED));
            }
        }
        wakes.wakeAll();
    }

    /** Whether {@link #close()} was called. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** Permits free now. */
    public synchronized long available() {
        return available;
    }

    /** Acquisitions waiting now. */
    public synchronized int waiting() {
        return queue.size();
    }

    // ---------------------------------------------------------------- used by Acquisition, under the monitor

    /** Grants queued waiters, oldest first, while the head fits. */
    void serve(WakeList wakes) {
        for (Waiter h = queue.peekFirst(); h != null && h.amount() <= available; h = queue.peekFirst()) {
            available -= h.amount();
            queue.pollFirst();
            wakes.add(h.serve(GRANTED));
        }
    }

    boolean closedLocked() {
        return closed;
    }

    boolean takeNowLocked(long n) {
        if (queue.isEmpty() && available >= n) {
            available -= n;
            return true;
        }
        return false;
    }

    void enqueueLocked(Waiter w) {
        queue.addLast(w);
    }

    void withdrawLocked(Waiter w, WakeList wakes) {
        if (queue.remove(w)) {
            w.takeWaker();
            serve(wakes);   // the head left: the waiters behind it may fit now
        } else if (w.isServed() && w.servedKind() == GRANTED) {
            available += w.amount();   // granted but never taken: the grant passes on
            serve(wakes);
        }
    }

    @Override
    public synchronized String toString() {
        return "FairPermits[" + available + " free, " + queue.size() + " waiting" + (closed ? ", closed" : "") + "]";
    }
}
