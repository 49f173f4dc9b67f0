package dev.lockstep.interop;

import com.google.common.util.concurrent.ListenableFuture;
import dev.lockstep.future.Future;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.internal.TaskLabels;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.time.VirtualScheduledExecutor;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Adapters between Lockstep futures and the JVM's callback futures: {@code CompletionStage} /
 * {@code CompletableFuture} and Guava's {@code ListenableFuture}.
 *
 * <pre>{@code
 * CompletableFuture<User> pending = client.fetchUser(id);          // a library's async API
 * User u = sim.blockOn(Interop.fromCompletionStage(pending));      // awaited as a Lockstep future
 *
 * CompletableFuture<Integer> cf = Interop.toCompletableFuture(myFuture, sim);  // the other way
 * library.onResult(cf);
 * }</pre>
 *
 * <h2>Routing onto the run queue</h2>
 * A callback future runs its callbacks on the thread that completes it, inside whatever code
 * completed it. The adapters never let that resume the code that awaits them: the callback only
 * records the outcome and wakes the awaiting task, which joins the simulation's run queue. Which
 * queued task runs next is a choice of the run's {@code ChoiceSource}, so when one step completes
 * several stages (a task completing a future with many dependents, timers firing at the same
 * virtual time) the order in which their awaiters resume is explored, recorded in the trace and
 * replayed, rather than fixed by the order the callbacks were registered in. In the other
 * direction, {@link #toCompletableFuture} completes its {@code CompletableFuture} from a task of its
 * own, at a point the schedule chose, and its async dependents run as simulation tasks.
 *
 * <h2>Threads</h2>
 * A simulation is confined to one thread. A source completed on any other thread (a real thread
 * pool, the JDK's timeout thread behind {@code CompletableFuture.orTimeout}) is not accepted: the
 * adapter records nothing and the simulation fails the run at its next step with a
 * {@code NondeterminismException} such as "CompletionStage completed on thread 'pool-1-thread-1'
 * (awaited by task 'main'#0)", whose cause carries that thread's stack. Mixing real threads with
 * virtual time is a common reason for tests that hang: a task waits for a thread that the
 * simulation does not know about, and when nothing else is pending the run ends in a
 * {@code DeadlockException} naming the waiting task. Drive such code with
 * {@link Simulation#scheduledExecutor()} instead of a real pool.
 *
 * <p>The adapters register their callback when they are made, so a real thread that completes the
 * source between then and the first poll is caught too (the first poll throws the
 * {@code NondeterminismException}). Two cases cannot be told apart from a value and are read as
 * one: a source that was already complete when the adapter was made, and, before the first poll
 * only, a completion on a virtual thread (the simulation's async bodies may run on virtual
 * threads, so these are given the benefit of the doubt).
 *
 * <h2>Task names</h2>
 * The tasks the adapters start on the user's behalf are named after the user code they run for,
 * as {@code Class.method} of the first stack frame outside the JDK, Guava and Lockstep (a lambda
 * reads as the method it is written in), as the virtual executor names its tasks: the task of
 * {@link #toCompletableFuture} after the code calling it
 * ({@code CheckoutTest.pays/to-completable-future}), an async stage of its
 * {@code CompletableFuture} after the code that registered the stage
 * ({@code CheckoutTest.pays/async-1} for {@code cf.thenApplyAsync(...)} written in
 * {@code CheckoutTest.pays}), whichever code later completes the source. A name of the user's is
 * given with {@link #toCompletableFuture(String, Future, Simulation)}, and for a stage with an
 * executor that names its tasks: {@code cf.thenApplyAsync(fn, sim.scheduledExecutor().naming("parse"))}
 * ({@link VirtualScheduledExecutor#naming}). Names depend only on
 * the code path, never on identity hash codes, so they are the same on every run.
 *
 * <h2>Determinism</h2>
 * The adapters draw no choices of their own and read no clock; their effect on a run is the wakes
 * (and tasks) they cause, which the trace records.
 */
public final class Interop {
    /** The last part of the default name of a {@link #toCompletableFuture} task. */
    private static final String TASK = "to-completable-future";

    private Interop() {}

    /**
     * A future that completes with the stage's value.
     *
     * <h2>Returns</h2>
     * {@code Ready(value)} once the stage completed normally (immediately if it already had).
     *
     * <h2>Errors</h2>
     * A stage completed exceptionally makes {@code poll} throw the cause: a
     * {@code CompletionException} wrapper is removed; a checked cause is thrown wrapped in a
     * {@code CompletionException}; a cancelled stage throws its {@code CancellationException}. A
     * completion on another thread fails the run (see "Threads").
     *
     * <h2>Waker</h2>
     * One callback is registered on the stage when the adapter is made; each poll only replaces
     * the waker, so a spurious poll is harmless and only the latest waker is woken.
     *
     * <h2>Cancellation</h2>
     * Cancelling the future (a {@code select} loser, an aborted task) cancels the stage with
     * {@code stage.toCompletableFuture().cancel(false)}; a stage that does not support
     * {@code toCompletableFuture()} is left alone.
     */
    public static <T> Future<T> fromCompletionStage(CompletionStage<T> stage) {
        return new StageFuture<>(Objects.requireNonNull(stage, "stage")).start();
    }

    /**
     * The items of a {@link Flow.Publisher}, pulled one at a time through
     * {@link PublisherReceiver#next()} futures with one {@code request(1)} per item (backpressure
     * through polling). For a Reactive Streams publisher (Reactor's {@code Flux}), use
     * {@code ReactorInterop.fromPublisher} of the {@code lockstep-reactor} module.
     */
    public static <T> PublisherReceiver<T> fromPublisher(Flow.Publisher<T> publisher) {
        return new PublisherReceiver<>(publisher);
    }

    /**
     * A future that completes with the value of a Guava {@code ListenableFuture}; the same contract
     * as {@link #fromCompletionStage}, with the {@code ExecutionException} of a failed future
     * unwrapped to its cause, and cancellation by {@code future.cancel(false)}. Needs Guava on the
     * class path (an optional dependency of Lockstep).
     */
    public static <T> Future<T> fromListenableFuture(ListenableFuture<T> future) {
        return new GuavaFuture<>(Objects.requireNonNull(future, "future")).start();
    }

    /**
     * A {@code CompletableFuture} completed by a new task of {@code sim} that awaits {@code future}.
     * The task is named after the code calling this, {@code Class.method/to-completable-future}
     * (see "Task names"), or as {@link #toCompletableFuture(String, Future, Simulation)} says.
     *
     * <h2>Returns</h2>
     * The {@code CompletableFuture} completes with the future's value, or exceptionally with what
     * its {@code poll} threw. It stays inside the simulation: its {@code *Async} stages run as
     * simulation tasks, {@code orTimeout}/{@code completeOnTimeout} count virtual time, and
     * {@code get()}/{@code join()} called from test code run the simulation until it completes.
     * Inside a task, {@code get()}/{@code join()} on it while pending throw
     * {@link IllegalStateException}: await {@code fromCompletionStage(cf)} instead.
     *
     * <h2>Cancellation</h2>
     * Cancelling the {@code CompletableFuture}, or completing it from outside, aborts the task,
     * which cancels {@code future}. Aborting the task (a host crash) cancels the
     * {@code CompletableFuture}.
     *
     * <h2>Threads</h2>
     * A cancel or completion of the {@code CompletableFuture} on another thread is reported as
     * nondeterminism and does not abort the task.
     */
    public static <T> CompletableFuture<T> toCompletableFuture(Future<T> future, Simulation sim) {
        Objects.requireNonNull(sim, "sim");
        return start(TaskLabels.callSite() + "/" + TASK, future, sim, sim.handle(),
                VirtualScheduledExecutor.of(sim, "async"));
    }

    /**
     * As {@link #toCompletableFuture(Future, Simulation)}, with the task named {@code name} in the
     * trace and in reports.
     */
    public static <T> CompletableFuture<T> toCompletableFuture(String name, Future<T> future, Simulation sim) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sim, "sim");
        return start(name, future, sim, sim.handle(), VirtualScheduledExecutor.of(sim, "async"));
    }

    /**
     * As {@link #toCompletableFuture(Future, Simulation)}, for use inside a task with
     * {@code cx.runtime()}. Such a {@code CompletableFuture} cannot run the simulation: its
     * {@code get()} and {@code join()} work only once it is done.
     */
    public static <T> CompletableFuture<T> toCompletableFuture(Future<T> future, RuntimeHandle runtime) {
        Objects.requireNonNull(runtime, "runtime");
        return start(TaskLabels.callSite() + "/" + TASK, future, null, runtime,
                VirtualScheduledExecutor.of(runtime, "async"));
    }

    /**
     * As {@link #toCompletableFuture(Future, RuntimeHandle)}, with the task named {@code name} in
     * the trace and in reports.
     */
    public static <T> CompletableFuture<T> toCompletableFuture(String name, Future<T> future, RuntimeHandle runtime) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(runtime, "runtime");
        return start(name, future, null, runtime, VirtualScheduledExecutor.of(runtime, "async"));
    }

    private static <T> CompletableFuture<T> start(String name, Future<T> future, Simulation sim, RuntimeHandle runtime,
            VirtualScheduledExecutor executor) {
        Objects.requireNonNull(future, "future");
        SimCompletableFuture<T> target = new SimCompletableFuture<>(sim, runtime, executor);
        CompletingTask<T> task = new CompletingTask<>(future, target);
        JoinHandle<Void> handle = runtime.spawn(name, task);
        target.whenComplete((v, e) -> {
            if (!runtime.isRuntimeThread()) {
                runtime.reportForeignThread("CompletableFuture " + (e instanceof CancellationException ? "cancelled"
                        : "completed"), "the one toCompletableFuture made for task '" + handle.name() + "'#"
                        + handle.id());
            } else if (!task.completedByTask()) {
                handle.abort();
            }
        });
        return target;
    }
}
