package dev.lockstep.internal.edge;


/**
 * The waits of the async body running on the calling thread, so that a rewritten
 * {@code Thread.sleep} or {@code CompletableFuture.join} inside a body can wait in virtual time
 * ({@code a.sleep}, {@code a.await}) instead of blocking.
 *
 * <h2>Ambient state</h2>
 * One instance per thread, found through a thread-local, part of the executor's "current task"
 * state: the async future sets it around each resume of its body and while an inline body runs,
 * and restores what it replaced, so it names the innermost body running on this thread. A body
 * suspended or ended is never current. The scope's own checks still apply: used from inside a
 * future the body awaits, it throws {@link IllegalStateException}.
 *
 * <h2>Cost</h2>
 * A poller keeps its thread's instance ({@link #ofThisThread}) and sets it with plain field
 * writes ({@link #enter}, {@link #exit}), so a resume costs no thread-local lookup; only
 * {@link #get} and the first {@code ofThisThread} on a thread look the thread-local up.
 *
 * <h2>Threads</h2>
 * An instance belongs to its thread: only that thread calls {@link #enter} and {@link #exit}.
 */
public final class CurrentBody {
    private static final ThreadLocal<CurrentBody> OF_THREAD = new ThreadLocal<>();

    /** The innermost body running on the owning thread, or null. */
    private BodyWaits body;

    private CurrentBody() {
    }

    /** The scope of the body running on this thread, or null. */
    public static BodyWaits get() {
        CurrentBody c = OF_THREAD.get();
        return c == null ? null : c.body;
    }

    /** The calling thread's instance, made on first use; for that thread only. */
    public static CurrentBody ofThisThread() {
        CurrentBody c = OF_THREAD.get();
        if (c == null) {
            c = new CurrentBody();
            OF_THREAD.set(c);
        }
        return c;
    }

    /** Makes {@code scope} current on this instance's thread; returns the one it replaces, for {@link #exit}. */
    public BodyWaits enter(BodyWaits scope) {
        BodyWaits previous = body;
        body = scope;
        return previous;
    }

    /** Restores what {@link #enter} replaced. */
    public void exit(BodyWaits previous) {
        body = previous;
    }
}
