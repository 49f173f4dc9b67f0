package dev.lockstep.internal.edge;


/**
 * The waits of the async body running on the calling thread, so that a rewritten
 * {@code Thread.sleep} or {@code CompletableFuture.join} inside a body can wait in virtual time
 * ({@code a.sleep}, {@code a.await}) instead of blocking.
 *
 * <h2>Ambient state</h2>
 * A thread-local, part of the executor's "current task" state: the async future sets it around
 * each resume of its body and while an inline body runs, and restores what it replaced, so it
 * names the innermost body running on this thread. A body suspended or ended is never current.
 * The scope's own checks still apply: used from inside a future the body awaits, it throws
 * {@link IllegalStateException}.
 */
public final class CurrentBody {
    private static final ThreadLocal<BodyWaits> BODY = new ThreadLocal<>();

    private CurrentBody() {
    }

    /** The scope of the body running on this thread, or null. */
    public static BodyWaits get() {
        return BODY.get();
    }

    /** Makes {@code scope} current; returns the one it replaces, for {@link #exit}. */
    public static BodyWaits enter(BodyWaits scope) {
        BodyWaits previous = BODY.get();
        BODY.set(scope);
        return previous;
    }

    /** Restores what {@link #enter} replaced. */
    public static void exit(BodyWaits previous) {
        BODY.set(previous);
    }
}
