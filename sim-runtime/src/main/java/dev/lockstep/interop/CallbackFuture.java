package dev.lockstep.interop;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import dev.lockstep.runtime.RuntimeHandle;
import java.util.concurrent.CompletionException;

/**
 * A leaf future over a completion source that calls back (a {@code CompletionStage}, a Guava
 * {@code ListenableFuture}): the shared part of the {@link Interop} adapters.
 *
 * <h2>Protocol</h2>
 * The first poll remembers the runtime and registers the callback ({@link #listen()}); a source
 * that is already complete calls back at once, and that poll returns {@code Ready}. Later, the
 * callback ({@link #complete}) runs on whatever thread completes the source:
 * <ul>
 *   <li>on the runtime's thread, it records the outcome and wakes the latest poll's waker; the
 *       awaiting task then joins the run queue and resumes when the scheduler picks it;
 *   <li>on any other thread, it records nothing and reports the event to the runtime, which fails
 *       the run with a {@code NondeterminismException} naming the thread, with its stack.
 * </ul>
 *
 * <p>Fields written by the callback are only written on the runtime's thread; the foreign path
 * reads {@link #runtime} and {@link #awaitedBy}, which are volatile.
 */
abstract class CallbackFuture<T> implements Future<T>, Cancellable {
    /** What the source is, for messages: "CompletionStage", "ListenableFuture". */
    private final String kind;
    private volatile RuntimeHandle runtime;
    /** The task that first polled this future, for messages. */
    private volatile String awaitedBy = "-";
    /** The latest poll's waker while pending; null before, and after completion or cancel. */
    private Waker waker;
    private boolean listening;
    /** True while {@link #listen()} runs, when a callback needs no wake: the poll itself sees the outcome. */
    private boolean polling;
    private boolean completed;
    private boolean finished;
    private boolean cancelled;
    private T value;
    private Throwable failure;

    CallbackFuture(String kind) {
        this.kind = kind;
    }

    /** Registers the callback with the source; it must call {@link #complete} exactly once. */
    abstract void listen();

    /** Cancels the source, without interrupting (best effort: some sources cannot be cancelled). */
    abstract void cancelSource();

    @Override
    public final Poll<T> poll(Context cx) {
        if (finished || cancelled) {
            throw new IllegalStateException(kind + " adapter polled after " + (cancelled ? "cancel" : "completion")
                    + " (" + cx.runtime().describe() + ")");
        }
        if (!listening) {
            runtime = cx.runtime();
            awaitedBy = "task '" + cx.runtime().currentTaskName() + "'#" + cx.runtime().currentTaskId();
            listening = true;
            polling = true;
            try {
                listen();
            } finally {
                polling = false;
            }
        }
        if (completed) {
            finished = true;
            waker = null;
            Throwable f = failure;
            T v = value;
            failure = null;
            value = null;
            if (f != null) {
                throw unchecked(f);
            }
            return Poll.ready(v);
        }
        waker = cx.waker();
        return Poll.pending();
    }

    /**
     * The callback: records {@code v} or {@code error} and wakes the awaiting task when called on the
     * runtime's thread; reports the completion otherwise (see the class comment).
     */
    final void complete(T v, Throwable error) {
        RuntimeHandle rt = runtime;
        if (rt == null) {
            return;
        }
        if (!rt.isRuntimeThread()) {
            rt.reportForeignThread(kind + " completed", "awaited by " + awaitedBy);
            return;
        }
        if (completed || cancelled) {
            return;
        }
        completed = true;
        value = v;
        failure = error;
        if (!polling && waker != null) {
            Waker w = waker;
            waker = null;
            w.wake();
        }
    }

    @Override
    public final void cancel() {
        if (finished || cancelled) {
            return;
        }
        cancelled = true;
        waker = null;
        value = null;
        failure = null;
        cancelSource();
    }

    /** A failure as poll throws it: unchecked ones unchanged, checked ones in a CompletionException. */
    private RuntimeException unchecked(Throwable f) {
        if (f instanceof RuntimeException r) {
            return r;
        }
        if (f instanceof Error e) {
            throw e;
        }
        return new CompletionException(kind + " failed: " + f, f);
    }

    @Override
    public String toString() {
        return kind + "Future[" + (cancelled ? "cancelled" : finished ? "finished" : completed ? "completed"
                : listening ? "awaited by " + awaitedBy : "not polled") + "]";
    }
}
