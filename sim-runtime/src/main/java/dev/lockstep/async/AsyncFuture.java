package dev.lockstep.async;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;
import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.internal.future.Stage;
import dev.lockstep.internal.edge.BodyWaits;
import dev.lockstep.internal.edge.CurrentBody;
import dev.lockstep.internal.generator.Generator;
import dev.lockstep.internal.generator.GeneratorFactory;
import dev.lockstep.internal.generator.Generators;
import dev.lockstep.trace.TraceEvent;
import java.util.Objects;
import java.util.concurrent.CompletionException;

/**
 * {@link Async#async}: a future whose body runs as a generator, suspending in
 * {@link AsyncScope#await} whenever the awaited future is pending.
 *
 * <h2>States</h2>
 * <pre>
 *   NEW --poll--> RUNNING --await on Pending--> SUSPENDED --poll--> RUNNING ... --body ends--> COMPLETED
 *    |                                              |
 *    +--cancel--> CANCELLED <--body unwound-- CANCELLING <--cancel--+
 * </pre>
 *
 * <h2>Inline bodies</h2>
 * A body that awaits an async future that was never polled runs that future's body inline: as a
 * plain call on its own stack, suspending its own generator, like a call to a Kotlin
 * {@code suspend} function. The inline body polls the same leaf futures with the same contexts
 * as if it were polled, so nothing observable changes, but nesting costs a few stack frames
 * instead of a generator (a continuation or a virtual thread) per level. At most
 * {@value #MAX_INLINE_DEPTH} bodies run inline on one generator; the next nested body is polled,
 * and so gets a generator of its own. An inline body is {@code RUNNING} from its start
 * to its end; its {@link #parent} chain leads to the <em>root</em>, the body that owns the
 * generator and whose stage says whether the whole chain is running, suspended or cancelling.
 *
 * <h2>Threads</h2>
 * Only the thread running the body reads or writes the fields below while the body runs; the
 * poller writes them only while the body is suspended or not started. The generator's hand-off
 * orders all of them (on the virtual-thread backend its turn is volatile), so none is volatile:
 * a volatile write costs a full fence, and a round trip would make three. A misuse from another
 * thread is still reported: that thread may read {@link #stage} and {@link #bodyThread} a
 * hand-off late, but it is never the body's thread, so one of the checks in
 * {@code checkInBody} fails for it whatever it reads.
 */
final class AsyncFuture<R> implements Future<R>, Cancellable {
    /**
     * How many bodies may run inline on one generator. A suspended generator's frames are copied
     * to the heap as one chunk, and HotSpot refuses a chunk larger than half a G1 region (as
     * little as 512 KB) with a StackOverflowError; bounding the inline chain keeps each chunk
     * small. The next level gets a generator of its own.
     */
    private static final int MAX_INLINE_DEPTH = 64;

    /** Where the body is. */
    private enum Stage {
        /** Never polled or awaited: no generator, no thread. */
        NEW,
        /** The body is running, inside a poll of this future (or, inline, of its root). */
        RUNNING,
        /** The body is stopped inside {@code await}, waiting for the next poll. Roots only. */
        SUSPENDED,
        /** {@code cancel()} resumed the body to unwind it from its pending {@code await}. Roots only. */
        CANCELLING,
        /** The body returned or threw, and that was reported; further polls are misuse. */
        COMPLETED,
        /** Cancelled, and the body (if it had started) has unwound; further polls are misuse. */
        CANCELLED
    }

    private final BodyScope scope = new BodyScope(this);
    /** A root's: the runtime's LargeFutureThreshold service at the first poll, or null (looked up once, not per suspend). */
    private LargeFutureThreshold threshold;
    /** A root's, made by its first poll: what CurrentBody hands out while its body runs. */
    private InnermostBody waits;
    /** A root's: the thread of its last poll and that thread's CurrentBody, kept to skip the thread-local. */
    private Thread poller;
    private CurrentBody pollerBody;
    private Stage stage = Stage.NEW;
    /** The body; null once it ended or was cancelled, so its captured state can be collected. */
    private AsyncBody<R> body;
    /** Runs the body; created by the first poll of a root, null once the body ended. */
    private Generator generator;
    /** A root's: the context of the poll running the body; while suspended, that of the last poll. */
    private Context cx;
    /** The thread that runs the body (the poller's on the continuation backend, a virtual thread on the other). */
    private Thread bodyThread;
    /** The future the body is suspended on, or the inline body it is awaiting; null otherwise. */
    private Future<?> awaited;
    /** Whether the body is inside the {@code poll} of a future it awaits (re-entry on this scope is misuse). */
    private boolean pollingAwaited;
    /** The inline body this body is awaiting, or null. */
    private AsyncFuture<?> inlineChild;
    /** For an inline body: the body whose stack it runs on; null for a root. */
    private AsyncFuture<?> parent;
    /** How many inline bodies lie between this one and its root (0 for a root). */
    private int inlineDepth;
    /** The runtime, task id and task label ({@code 'name'#id}) of the first poll: the task the body belongs to. */
    private RuntimeHandle runtime;
    private int taskId;
    private String taskName = "-";
    /** What a root's body returned or threw; set when it ends. */
    private R result;
    private Throwable failure;
    /** A root's: what cancelling an awaited future threw during an unwind; thrown by {@link #cancel()}. */
    private Throwable cancelFailure;

    AsyncFuture(AsyncBody<R> body) {
        this.body = body;
    }

    @Override
    public Poll<R> poll(Context cx) {
        Objects.requireNonNull(cx, "cx");
        // The resume of a suspended body is tested first: an enum switch costs a lookup table
        // load, and this poll runs once per await.
        if (stage == Stage.SUSPENDED) {
            checkSameTask(cx);
        } else {
            checkStartable(cx);
        }
        this.cx = cx;
        stage = Stage.RUNNING;
        boolean ended;
        CurrentBody current = pollerBody(Thread.currentThread());
        BodyWaits outer = current.enter(waits);
        try {
            ended = generator.resume(cx.runtime());
        } catch (RuntimeException | Error e) {
            stage = Stage.COMPLETED;
            drop();
            throw e;
        } finally {
            current.exit(outer);
        }
        if (!ended) {
            stage = Stage.SUSPENDED;
            noteIfLarge(cx.runtime());
            return Poll.pending();
        }
        stage = Stage.COMPLETED;
        R value = result;
        Throwable thrown = failure;
        drop();
        if (thrown != null) {
            throw unchecked(thrown, cx.runtime());
        }
        return Poll.ready(value);
    }

    /** A poll of a body that is not suspended: starts a new one; anything else is misuse. */
    private void checkStartable(Context cx) {
        switch (stage) {
            case NEW -> start(cx);
            case SUSPENDED -> { }
            case RUNNING, CANCELLING -> throw new IllegalStateException("async future polled while its body is"
                    + " running (from thread '" + Thread.currentThread().getName() + "', task "
                    + cx.runtime().currentTaskName() + "): it awaits itself, another body awaits it, or two tasks"
                    + " poll it at once. An async future has one owner; spawn it and await its JoinHandle to"
                    + " share its result (" + cx.runtime().describe() + ")");
            case COMPLETED -> throw new IllegalStateException("async future polled after completion (it already"
                    + " returned Ready or threw) at " + cx.runtime().describe()
                    + "; poll a future until it completes, once, or fuse() it to poll it again");
            case CANCELLED -> throw new IllegalStateException("async future polled after cancel at "
                    + cx.runtime().describe() + "; a cancelled future must not be polled again");
        }
    }

    /**
     * Cancels the body: not started, it never runs; suspended, it is resumed so that its pending
     * {@code await} cancels the awaited future and throws {@link AsyncCancelledError}, its
     * {@code finally} blocks run, and it ends. Idempotent; nothing after completion.
     *
     * @throws IllegalStateException if called while the body runs (from inside it), on an inline
     *     body (cancel the body awaiting it), or if the body caught the cancellation and awaited again
     * @throws RuntimeException what the unwinding body or the awaited future's {@code cancel} threw
     */
    @Override
    public void cancel() {
        switch (stage) {
            case NEW -> {
                stage = Stage.CANCELLED;
                body = null;
            }
            case SUSPENDED -> unwind();
            case RUNNING -> throw new IllegalStateException("cancel() of an async future while its body is running"
                    + (parent != null ? " inline, awaited by another async body: cancel that body's future instead"
                    : " (from inside the body, or from a future it is awaiting): a body cannot cancel itself;"
                    + " return from it, or abort its task from another one") + " (" + root().describe() + ")");
            case CANCELLING, COMPLETED, CANCELLED -> { }
        }
    }

    private void unwind() {
        stage = Stage.CANCELLING;
        cancelFailure = null;
        RuntimeHandle rt = cx.runtime();
        boolean ended;
        try {
            ended = generator.resume(rt);
        } catch (RuntimeException | Error e) {
            stage = Stage.CANCELLED;
            drop();
            throw e;
        }
        stage = Stage.CANCELLED;
        Throwable thrown = failure;
        Throwable innerCancel = cancelFailure;
        drop();
        if (!ended) {
            throw new IllegalStateException("async body did not end when cancelled (" + rt.describe() + ")");
        }
        if (thrown != null && !(thrown instanceof AsyncCancelledError)) {
            throw unchecked(thrown, rt);
        }
        if (innerCancel != null) {
            throw unchecked(innerCancel, rt);
        }
    }

    // ------------------------------------------------------------ called by the body, through its scope

    /** {@link AsyncScope#await}: see there. */
    <T> T await(Future<T> future) {
        Objects.requireNonNull(future, "a.await(future): future is null");
        checkInBody("await");
        AsyncFuture<?> root = root();
        if (root.stage == Stage.CANCELLING) {
            throw new IllegalStateException("await after the async future was cancelled (" + root.describe()
                    + "): the body caught AsyncCancelledError (or a Throwable) and awaited again. A cancelled body"
                    + " must unwind: let AsyncCancelledError propagate; finally blocks run, but cannot await");
        }
        if (future instanceof AsyncFuture<T> inner && inner.stage == Stage.NEW && inlineDepth < MAX_INLINE_DEPTH) {
            return awaitInline(inner, root);
        }
        while (true) {
            Poll<T> p;
            Context c = root.cx;   // the poll's context: a resume may bring a new one
            pollingAwaited = true;
            try {
                future = c.runtime().beforeInnerPoll(future);
                p = future.poll(c);
            } finally {
                pollingAwaited = false;
            }
            if (p instanceof Poll.Ready<T> ready) {
                c.runtime().afterInnerReady(future);
                return ready.value();
            }
            awaited = future;
            try {
                root.generator.suspend();
            } finally {
                awaited = null;
                // The body continues on the resumer's thread (continuation backend), which is the
                // same one unless another thread now runs the simulation.
                Thread me = Thread.currentThread();
                if (bodyThread != me) {
                    for (AsyncFuture<?> f = this; f != null; f = f.parent) {
                        f.bodyThread = me;
                    }
                }
            }
            if (root.stage == Stage.CANCELLING) {
                throw root.cancelled(future);
            }
        }
    }

    /** Runs {@code inner}'s body on this body's stack and generator (see the class comment). */
    private <T> T awaitInline(AsyncFuture<T> inner, AsyncFuture<?> root) {
        inner.parent = this;
        inner.inlineDepth = inlineDepth + 1;
        inner.runtime = root.runtime;
        inner.taskId = root.taskId;
        inner.taskName = root.taskName;
        inner.bodyThread = Thread.currentThread();
        inner.stage = Stage.RUNNING;
        inlineChild = inner;
        awaited = inner;
        T value;
        try {
            value = inner.body.run(inner.scope);
        } catch (Throwable e) {
            inner.stage = e instanceof AsyncCancelledError ? Stage.CANCELLED : Stage.COMPLETED;
            throw unchecked(e, root.cx.runtime());
        } finally {
            inlineChild = null;
            awaited = null;
            inner.drop();
        }
        if (root.stage == Stage.CANCELLING) {
            // The inner body swallowed its cancellation and returned: this body is still cancelled,
            // as it would be had it polled the inner future and cancelled it.
            inner.stage = Stage.CANCELLED;
            throw new AsyncCancelledError("async body cancelled while awaiting an async body ("
                    + root.describe() + ")");
        }
        inner.stage = Stage.COMPLETED;
        return value;
    }

    /** The scope of the innermost body running on this one's stack: this body's, or an inline body's it awaits. */
    AsyncScope innermostScope() {
        AsyncFuture<?> f = this;
        while (f.inlineChild != null) {
            f = f.inlineChild;
        }
        return f.scope;
    }

    /** The context of the running poll; see {@link AsyncScope#context()}. */
    Context context(String what) {
        checkInBody(what);
        return root().cx;
    }

    /**
     * Throws unless the caller is this body, running, on its thread, and not from inside a future
     * it is awaiting. Checks the stage first, so a scope used after its body ended is reported as
     * escaped whatever the thread.
     */
    private void checkInBody(String what) {
        Stage own = stage;
        Thread me = Thread.currentThread();
        if (own == Stage.COMPLETED || own == Stage.CANCELLED) {
            throw new IllegalStateException(what + " on an AsyncScope whose body has ended (" + own.name()
                    .toLowerCase(java.util.Locale.ROOT) + ", body of task " + taskName + "), from thread '"
                    + me.getName() + "': the scope escaped its body (kept in a field, a lambda or another task)."
                    + " Use a scope only inside the body it was given to; to await outside an async body, write"
                    + " one (Async.async) or a poll method (" + where() + ")");
        }
        Stage rootStage = root().stage;
        if (own == Stage.NEW || rootStage == Stage.SUSPENDED || rootStage == Stage.NEW) {
            throw new IllegalStateException(what + " on an AsyncScope while its body is suspended (body of task "
                    + taskName + "), from thread '" + me.getName() + "': the scope escaped its body (kept in a"
                    + " field, a lambda or another task). Use a scope only inside the body it was given to ("
                    + where() + ")");
        }
        if (pollingAwaited || inlineChild != null) {
            throw new IllegalStateException(what + " on an AsyncScope from inside a future its body is awaiting ("
                    + root().describe() + "): a nested async body, or a future polled by this body, used the"
                    + " outer body's scope; use the scope your own body was given");
        }
        Thread owner = bodyThread;
        if (me != owner) {
            throw new IllegalStateException(what + " on an AsyncScope from thread '" + me.getName()
                    + "', not the thread running its body ('" + (owner == null ? "-" : owner.getName())
                    + "', task " + taskName + "): a scope may be used only by its body. To wait for work done on"
                    + " another thread, await a future that it completes (see the Interop adapters) (" + where()
                    + ")");
        }
    }

    /** On a root being cancelled: cancels the future its body awaited, and the error that unwinds the body. */
    private AsyncCancelledError cancelled(Future<?> future) {
        AsyncCancelledError e = new AsyncCancelledError("async body cancelled while awaiting "
                + Async.describeType(future) + " (" + describe() + ")");
        try {
            Futures.cancel(future);
        } catch (RuntimeException | Error failed) {
            e.addSuppressed(failed);
            cancelFailure = failed;
        }
        return e;
    }

    // ------------------------------------------------------------ life cycle

    private void start(Context cx) {
        runtime = cx.runtime();
        taskId = runtime.currentTaskId();
        taskName = taskId >= 0 ? "'" + runtime.currentTaskName() + "'#" + taskId : runtime.currentTaskName();
        GeneratorFactory factory = runtime.service(GeneratorFactory.class);
        if (factory == null) {
            factory = Generators.defaultFactory();
        }
        waits = new InnermostBody(this);
        threshold = runtime.service(LargeFutureThreshold.class);
        generator = factory.create("async body of task " + taskName, this::runBody);
    }

    /** A root's generator body: runs the user's body and records how it ended. */
    private void runBody() {
        bodyThread = Thread.currentThread();
        CurrentBody.ofThisThread().enter(waits);   // the body's own thread, on the virtual-thread backend
        try {
            result = body.run(scope);
        } catch (Throwable e) {
            failure = e;
        }
    }

    /** The CurrentBody of {@code me}, the polling thread: looked up when the poller changes (rarely). */
    private CurrentBody pollerBody(Thread me) {
        if (poller != me) {
            pollerBody = CurrentBody.ofThisThread();
            poller = me;
        }
        return pollerBody;
    }

    private void checkSameTask(Context cx) {
        RuntimeHandle rt = cx.runtime();
        if (rt != runtime) {
            throw new IllegalStateException("async future polled by runtime " + rt + ", but its body started on "
                    + runtime + " (task " + taskName + "): a suspended body belongs to the runtime that first polled it");
        }
        int id = rt.currentTaskId();
        if (taskId >= 0 && id >= 0 && id != taskId) {
            throw new IllegalStateException("async future polled from task '" + rt.currentTaskName() + "'#" + id
                    + ", but its body is suspended in task " + taskName + " (" + rt.describe()
                    + "): two tasks must not poll one async future. Spawn it and await its JoinHandle to share"
                    + " its result");
        }
    }

    private AsyncFuture<?> root() {
        AsyncFuture<?> f = this;
        while (f.parent != null) {
            f = f.parent;
        }
        return f;
    }

    /** Where the run is, for messages: the runtime's description, or the task when not polled now. */
    private String describe() {
        Context c = root().cx;
        return c != null ? c.runtime().describe() : "task " + taskName;
    }

    /** Releases everything the body held, so a finished future retains nothing. */
    /**
     * The runtime's step, virtual time and replay string, for a misuse reported on a scope: read
     * from the runtime the body started on (it stays known after the body ends).
     */
    private String where() {
        return runtime != null ? runtime.describe() : "task " + taskName;
    }

    private void drop() {
        body = null;
        generator = null;
        awaited = null;
        inlineChild = null;
        parent = null;
        result = null;
        failure = null;
        cancelFailure = null;
        bodyThread = null;
        poller = null;
        pollerBody = null;
    }

    private void noteIfLarge(RuntimeHandle rt) {
        if (threshold == null) {
            return;
        }
        long bytes = Async.retainedSize(this);
        if (bytes > threshold.bytes()) {
            rt.trace(new TraceEvent.Note(rt.step(), rt.nanos(), rt.currentTaskId(), rt.currentTaskName(),
                    "large async future: ~" + bytes + " bytes reachable while suspended awaiting "
                            + Async.describeType(innermostAwaited()) + " (threshold " + threshold.bytes()
                            + " bytes; see Async.retainedSize)"));
        }
    }

    /** The leaf of the chain of inline bodies: the future the innermost one is suspended on. */
    private Future<?> innermostAwaited() {
        AsyncFuture<?> f = this;
        while (f.inlineChild != null) {
            f = f.inlineChild;
        }
        return f.awaited;
    }

    private static RuntimeException unchecked(Throwable e, RuntimeHandle rt) {
        if (e instanceof RuntimeException r) {
            return r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return new CompletionException("async body threw " + e + " (" + rt.describe() + ")", e);
    }

    @Override
    public String toString() {
        Stage s = stage;
        return "async[" + s.name().toLowerCase(java.util.Locale.ROOT) + (s == Stage.SUSPENDED ? ", awaiting "
                + Async.describeType(innermostAwaited()) : "") + "]";
    }
}
