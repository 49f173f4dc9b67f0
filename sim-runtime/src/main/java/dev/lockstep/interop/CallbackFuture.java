package dev.lockstep.interop;

import dev.lockstep.internal.edge.ExternalSource;
import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.future.Waker;
import dev.lockstep.runtime.NondeterminismException;
import java.util.concurrent.CompletionException;

/**
 * A leaf future over a completion source that calls back (a {@code CompletionStage}, a Guava
 * {@code ListenableFuture}): the shared part of the {@link Interop} adapters.
 *
 * <h2>Protocol</h2>
 * The adapter registers its callback when it is made ({@link #start()}), so that no completion
 * escapes it; a source that is already complete calls back at once. The first poll learns the
 * runtime. The callback ({@link #complete}) runs on whatever thread completes the source:
 * <ul>
 *   <li>after the first poll, on the runtime's thread: it records the outcome and wakes the latest
 *       poll's waker; the awaiting task joins the run queue and resumes when the scheduler picks it;
 *   <li>after the first poll, on any other thread: it records nothing and reports the event to the
 *       runtime, which fails the run with a {@code NondeterminismException} naming the thread, with
 *       its stack;
 *   <li>before the first poll, when the runtime is not known yet: on the thread that made the
 *       adapter (or a virtual thread, which may be a generator thread of the simulation) it records
 *       the outcome; on any other thread it records the thread and its stack, and the first poll
 *       throws a {@code NondeterminismException} naming them.
 * </ul>
 *
 * <p>State the callback may write from another thread ({@link #outcome}, {@link #early}) is
 * volatile; the waker and the poll state are touched on the polling thread only.
 */
abstract class CallbackFuture<T> implements Future<T>, Cancellable, ExternalSource {
    /** What the source is, for messages: "CompletionStage", "ListenableFuture". */
    private final String kind;
    /** The thread that made the adapter. */
    private Thread madeBy;
    private volatile RuntimeHandle runtime;
    /** The task that first polled this future, for messages. */
    private volatile String awaitedBy = "-";
    /** The source's outcome once accepted; null before. */
    private volatile Outcome<T> outcome;
    /** A completion from another thread before the first poll; null if none. */
    private volatile Early early;
    private volatile boolean cancelled;
    /** The latest poll's waker while pending; null before, and after completion or cancel. */
    private Waker waker;
    private boolean finished;

    /** A completion: the value, or the failure. */
    private record Outcome<T>(T value, Throwable failure) {}

    /** A completion that arrived on another thread before the runtime was known. */
    private record Early(String thread, Throwable stack) {}

    CallbackFuture(String kind) {
        this.kind = kind;
    }

    /** Registers the callback with the source; it must call {@link #complete} exactly once. */
    abstract void listen();

    /** Cancels the source, without interrupting (best effort: some sources cannot be cancelled). */
    abstract void cancelSource();

    @Override
    public final String pendingSource() {
        return outcome == null && early == null && !finished && !cancelled ? kind : null;
    }

    /** Registers the callback; called once, by the factory, right after construction. */
    final CallbackFuture<T> start() {
        madeBy = Thread.currentThread();
        listen();
        return this;
    }

    @Override
    public final Poll<T> poll(Context cx) {
        if (finished || cancelled) {
            throw new IllegalStateException(kind + " adapter polled after " + (cancelled ? "cancel" : "completion")
                    + " (" + cx.runtime().describe() + ")");
        }
        RuntimeHandle rt = cx.runtime();
        if (runtime == null) {
            awaitedBy = "task '" + rt.currentTaskName() + "'#" + rt.currentTaskId();
            runtime = rt;
        }
        Early e = early;
        if (e != null) {
            finished = true;
            throw new NondeterminismException(kind + " completed on thread '" + e.thread() + "' before it was first"
                    + " polled (awaited by " + awaitedBy + "), not on the simulation's thread: a real thread reached"
                    + " into the simulation, so this run cannot be replayed. Complete it from a simulation task, or"
                    + " run the code that completes it on sim.scheduledExecutor()", rt.step(), rt.nanos(),
                    rt.choices().replayString(), e.stack());
        }
        Outcome<T> o = outcome;
        if (o != null) {
            finished = true;
            waker = null;
            outcome = null;
            if (o.failure() != null) {
                throw unchecked(o.failure());
            }
            return Poll.ready(o.value());
        }
        waker = cx.waker();
        return Poll.pending();
    }

    /** The callback: see the class comment for what it does on which thread. */
    final void complete(T value, Throwable failure) {
        Thread thread = Thread.currentThread();
        RuntimeHandle rt = runtime;
        if (rt == null) {
            if (thread == madeBy || thread.isVirtual()) {
                accept(value, failure);
            } else {
                early = new Early(thread.getName(), new Throwable("stack of thread '" + thread.getName() + "' where "
                        + kind + " completed"));
            }
            return;
        }
        if (!rt.isRuntimeThread()) {
            rt.reportForeignThread(kind + " completed", "awaited by " + awaitedBy);
            return;
        }
        accept(value, failure);
        Waker w = waker;
        if (w != null && outcome != null) {
            waker = null;
            w.wake();
        }
    }

    private void accept(T value, Throwable failure) {
        if (outcome == null && !cancelled && !finished) {
            outcome = new Outcome<>(value, failure);
        }
    }

    @Override
    public final void cancel() {
        if (finished || cancelled) {
            return;
        }
        cancelled = true;
        waker = null;
        outcome = null;
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
        return kind + "Future[" + (cancelled ? "cancelled" : finished ? "finished" : outcome != null ? "completed"
                : runtime != null ? "awaited by " + awaitedBy : "not polled") + "]";
    }
}
