package dev.lockstep.async;

import dev.lockstep.internal.exec.Kernel;
import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.future.RawWaker;
import dev.lockstep.future.RawWakerVTable;
import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.future.TimerRegistration;
import dev.lockstep.future.Waker;
import dev.lockstep.internal.ReachableSize;
import dev.lockstep.internal.generator.Generator;
import dev.lockstep.internal.generator.GeneratorFactory;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.trace.Trace;
import java.util.Objects;

/**
 * async/await: futures written as sequential code.
 *
 * <pre>{@code
 * Future<Integer> f = Async.async(a -> {
 *     String line = a.await(readLine);          // suspends while readLine is pending
 *     a.sleep(Duration.ofMillis(10));           // virtual time in a simulation
 *     return line.length();
 * });
 * }</pre>
 *
 * <p>As in Rust, where {@code async} compiles a body into a state machine whose locals live in
 * the future, the body runs as a <em>generator</em>: {@link AsyncScope#await} polls the awaited
 * future and, if it is pending, stops the body where it is; the async future's {@code poll}
 * returns {@code Pending}, and its next poll continues the body from that point. Nothing runs
 * until the first poll. See {@code docs/async.md}.
 *
 * <h2>Returns</h2>
 * {@code poll} runs the body until it awaits a pending future ({@code Pending}) or returns
 * ({@code Ready} with its value). A body that never awaits a pending future completes in its
 * first poll.
 *
 * <h2>Waker</h2>
 * The body awaits with the context of the poll that runs it, so the future it awaits wakes the
 * task polling the async future. The async future stores no waker of its own.
 *
 * <h2>After completion</h2>
 * Polling again after {@code Ready}, after the body threw, or after {@code cancel()} throws
 * {@link IllegalStateException}. The body and everything it captured are released on completion.
 *
 * <h2>Cancellation</h2>
 * The future is {@link Cancellable}. Cancelling it before its first poll means the body never
 * runs. Cancelling it while the body is suspended (its task aborted, a {@code select} or
 * {@code race} loser, a timeout, a host crash) resumes the body once: the pending
 * {@code await} cancels the future it awaits and throws {@link AsyncCancelledError}, so
 * {@code finally} blocks run and the body ends, on the backend's thread, before {@code cancel()}
 * returns. A body that catches that error and awaits again gets an
 * {@link IllegalStateException}, which {@code cancel()} throws.
 *
 * <h2>Determinism</h2>
 * The body runs only inside {@code poll} (or {@code cancel}), one step at a time, and sees only
 * the runtime's clock and choices, so a run is as reproducible as with hand-written futures and
 * gives the same trace, and trace hash, on both generator backends.
 *
 * <h2>Errors</h2>
 * <ul>
 *   <li>What the body throws is thrown from the {@code poll} in which it throws: unchecked
 *       exceptions and errors unchanged, checked ones wrapped in
 *       {@link java.util.concurrent.CompletionException} naming where the run was.
 *   <li>What an awaited future throws is thrown from {@link AsyncScope#await}, where the body may
 *       catch it.
 *   <li>{@link IllegalStateException} for misuse: the scope used outside its body, from another
 *       thread, or re-entered (see {@link AsyncScope}); the future polled after completion or
 *       cancel, polled again while its body runs (it awaits itself), or polled from a second task
 *       while its body is suspended in the first.
 * </ul>
 *
 * <h2>Threads and backends</h2>
 * Two generator backends run bodies, with identical behaviour:
 * <ul>
 *   <li>{@code jdk.internal.vm.Continuation}, when the JVM was started with
 *       {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}: the body runs on the polling
 *       thread and suspends without a thread switch. Before JDK 24 it cannot suspend inside
 *       {@code synchronized}: such an {@code await} throws {@link IllegalStateException}. Nested
 *       bodies use the polling thread's stack, roughly 0.6 KB a level before the JIT compiles
 *       them: {@code -Xss8m} holds 10,000 levels.
 *   <li>otherwise one virtual thread per body, in strict hand-off with the polling thread: only
 *       one of them runs at a time, and the body's thread acts as the runtime's own while it runs
 *       ({@link RuntimeHandle#passBaton}). The first use prints a one-time warning naming the
 *       flag above. This backend is the one place where Lockstep starts threads.
 * </ul>
 * {@code -Dlockstep.generator=continuation|thread|auto} forces a choice (see
 * {@code dev.lockstep.internal.generator.Generators}). On either backend, do not hold a monitor
 * or a lock across an {@code await}: another body that wants it would wait for real, forever.
 *
 * <h2>Nesting</h2>
 * A body that awaits an async future that was never polled runs its body inline, on its own
 * generator, like a call; the result is the same as polling it, but recursion through
 * {@code await} costs a few stack frames a level instead of a generator.
 */
public final class Async {
    /** At most this many objects are visited by one {@link #retainedSize} estimate. */
    private static final int SIZE_LIMIT = 100_000;

    private Async() {
    }

    /**
     * A future that runs {@code body} as a generator (see the class comment).
     *
     * @param body the sequential code; it receives its {@link AsyncScope}, conventionally {@code a}
     * @return a future of what the body returns; {@link Cancellable}
     */
    public static <R> Future<R> async(AsyncBody<R> body) {
        return new AsyncFuture<>(Objects.requireNonNull(body, "async(body): body is null"));
    }

    /**
     * The approximate number of heap bytes {@code future} keeps reachable, to find futures that
     * hold large state across an {@code await}.
     *
     * <h2>What it counts</h2>
     * Everything reachable from the future object (each object once): for an async future, its
     * body (the lambda and the variables it captured) and, while suspended, the future it is
     * awaiting and everything that one holds, such as a buffer passed to a read. It does not count
     * the locals on the suspended body's stack that are reachable from neither (the JVM exposes
     * them to neither backend); nor the runtime's own objects (wakers, contexts, timers, task
     * handles, threads) or classes and enum constants. Objects shared with other futures are
     * counted for each. Sizes are estimated from field layouts, not read from the heap. See
     * {@link ReachableSize} for the details; the walk stops after 100,000 objects.
     *
     * <h2>Threads</h2>
     * Call it from the thread that polls the future, between polls.
     *
     * @return the estimated bytes; a completed or cancelled async future has released its body
     */
    public static long retainedSize(Future<?> future) {
        Objects.requireNonNull(future, "retainedSize(future): future is null");
        return new ReachableSize(SIZE_LIMIT, Async::notOwnedByFutures).of(future).bytes();
    }

    /**
     * Whether {@code o} belongs to the runtime or is shared by everything, rather than being a
     * future's own state.
     */
    private static boolean notOwnedByFutures(Object o) {
        return o instanceof Context || o instanceof Waker || o instanceof RawWaker || o instanceof RawWakerVTable
                || o instanceof RuntimeHandle || o instanceof Simulation || o instanceof Kernel || o instanceof ChoiceSource
                || o instanceof Trace || o instanceof TimerRegistration || o instanceof JoinHandle
                || o instanceof AsyncScope || o instanceof Generator || o instanceof GeneratorFactory
                || o instanceof Thread || o instanceof ThreadGroup || o instanceof Class || o instanceof ClassLoader
                || o instanceof Module || o instanceof Enum || o instanceof Poll.Pending;
    }

    /**
     * A future's type as a stable name for messages and trace notes: the class name, with the
     * per-JVM suffix of lambda classes ({@code Foo$$Lambda/0x...}) cut off.
     */
    static String describeType(Object o) {
        if (o == null) {
            return "nothing";
        }
        String name = o.getClass().getName();
        int lambda = name.indexOf("$$Lambda");
        return lambda >= 0 ? name.substring(0, lambda) + "$$Lambda" : name;
    }
}
