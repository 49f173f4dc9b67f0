package dev.lockstep.future;

/**
 * A leaf future the test completes by hand, and which records how it was used.
 *
 * <p>It stores the waker of every {@code Pending} poll and wakes the latest one on
 * {@link #complete} or {@link #fail}. It fails the test (with {@link AssertionError}) when polled
 * again after it returned {@code Ready} or threw, or when polled after it was cancelled: the two
 * misuses combinators must never commit.
 */
public final class ProbeFuture<T> implements Future<T>, Cancellable {
    private final String name;
    private T value;
    private boolean completed;
    private RuntimeException failure;
    private boolean finished;
    private Waker waker;
    private int polls;
    private int cancels;

    public ProbeFuture(String name) {
        this.name = name;
    }

    /** A probe that is ready with {@code value} on its first poll. */
    public static <T> ProbeFuture<T> completed(String name, T value) {
        ProbeFuture<T> p = new ProbeFuture<>(name);
        p.complete(value);
        return p;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (cancels > 0) {
            throw new AssertionError(name + " polled after cancel");
        }
        if (finished) {
            throw new AssertionError(name + " polled after it completed");
        }
        polls++;
        if (failure != null) {
            finished = true;
            throw failure;
        }
        if (completed) {
            finished = true;
            return Poll.ready(value);
        }
        waker = cx.waker();
        return Poll.pending();
    }

    /** Makes the next poll return {@code Ready(value)}; wakes the stored waker. Returns whether it woke one. */
    public boolean complete(T value) {
        this.value = value;
        this.completed = true;
        return wakeStored();
    }

    /** Makes the next poll throw {@code failure}; wakes the stored waker. Returns whether it woke one. */
    public boolean fail(RuntimeException failure) {
        this.failure = failure;
        return wakeStored();
    }

    private boolean wakeStored() {
        Waker w = waker;
        waker = null;
        if (w != null) {
            w.wake();
            return true;
        }
        return false;
    }

    @Override
    public void cancel() {
        cancels++;
        waker = null;
    }

    public int polls() {
        return polls;
    }

    public int cancels() {
        return cancels;
    }

    public boolean isCancelled() {
        return cancels > 0;
    }

    /** Whether it returned Ready or threw. */
    public boolean isFinished() {
        return finished;
    }

    /** Whether a waker is stored (it returned Pending since the last wake). */
    public boolean hasWaker() {
        return waker != null;
    }

    public boolean isCompleted() {
        return completed || failure != null;
    }

    @Override
    public String toString() {
        return "probe " + name;
    }
}
