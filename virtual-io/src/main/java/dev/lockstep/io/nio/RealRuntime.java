package dev.lockstep.io.nio;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Future;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.RawWaker;
import dev.lockstep.future.RawWakerVTable;
import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.future.TimerRegistration;
import dev.lockstep.future.Waker;
import dev.lockstep.io.Reactor;
import dev.lockstep.pin.Pin;
import dev.lockstep.runtime.TaskAbortedException;
import dev.lockstep.runtime.TaskFailedException;
import dev.lockstep.trace.TraceEvent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A single-threaded executor of futures in real time, over a real {@link NioReactor}: where the
 * futures that were tested in simulation run in production.
 *
 * <pre>{@code
 * try (RealRuntime rt = RealRuntime.create()) {
 *     rt.blockOn(TcpListener.bind(new InetSocketAddress("127.0.0.1", 8080)).then(...));
 * }
 * }</pre>
 *
 * <h2>Driver: timers over I/O</h2>
 * The thread that calls {@link #blockOn} polls runnable tasks in wake order (FIFO). When none is
 * runnable it fires due timers, then waits in the selector until the next timer's deadline (or
 * indefinitely when there is none) for I/O readiness or a wake from another thread. While tasks
 * keep waking each other, the selector is still checked without waiting every 61 polls, so I/O
 * is not starved.
 *
 * <h2>Time and choices</h2>
 * {@link #nanos()} is {@link System#nanoTime()} since creation and {@link #now()} the wall clock
 * at creation plus that. {@link #choices()} draws from a fixed seed and records nothing: a real
 * run depends on the machine's timing and cannot be replayed, so errors say so instead of giving
 * a replay string. {@link #trace} is a no-op.
 *
 * <h2>Threads</h2>
 * Tasks are polled only on the thread running {@code blockOn}. A waker may be used from any
 * thread (a callback of another library): the wake is queued and the selector woken.
 *
 * <h2>Errors</h2>
 * {@code blockOn} rethrows what its future threw; a spawned task that failed while nobody awaited
 * its handle fails {@code blockOn} with {@link TaskFailedException}, as in a simulation. A
 * {@code blockOn} whose tasks wait for something that never happens waits for ever, as in any
 * production runtime: use timeouts.
 */
public final class RealRuntime implements RuntimeHandle, AutoCloseable {
    /** What errors give where a simulation gives a replay string. */
    static final String NO_REPLAY = "none (real runtime)";
    /** How many polls may pass before the selector is checked without waiting. */
    private static final int POLLS_PER_IO_CHECK = 61;

    private final long startNanos = System.nanoTime();
    private final Instant startInstant = Instant.now();
    private final NioReactor reactor;
    private final ChoiceSource choices = new UnrecordedChoices();
    private final RawWakerVTable vtable;
    private final ArrayDeque<RealTask> runQueue = new ArrayDeque<>();
    private final RealTimers timers = new RealTimers();
    private final ConcurrentLinkedQueue<RealTask> foreignWakes = new ConcurrentLinkedQueue<>();
    /** Tasks not yet done, in spawn order. */
    private final LinkedHashSet<RealTask> live = new LinkedHashSet<>();
    /** Failed spawned tasks whose handle has not been awaited, in failure order. */
    private final List<RealTask> failed = new ArrayList<>();
    private final Map<Class<?>, Object> services = new LinkedHashMap<>();
    private volatile Thread owner;
    private RealTask current;
    private long steps;
    private int nextId;
    private boolean running;
    private boolean closed;

    private RealRuntime() {
        this.owner = Thread.currentThread();
        this.reactor = NioReactor.open(this);
        this.services.put(Reactor.class, reactor);
        RawWakerVTable[] self = new RawWakerVTable[1];
        self[0] = new RawWakerVTable(data -> new RawWaker(data, self[0]), data -> wake((RealTask) data),
                data -> wake((RealTask) data), data -> { });
        this.vtable = self[0];
    }

    /** A runtime with its own selector; close it to release the selector and abort leftover tasks. */
    public static RealRuntime create() {
        return new RealRuntime();
    }

    /**
     * Runs {@code future} as the task {@code "main"} on this thread until it completes, running
     * every other task, timer and I/O event as needed, and returns its value.
     *
     * @throws IllegalStateException if called from inside a task, or after {@link #close()}
     * @throws TaskFailedException   if a spawned task failed and nobody awaited its handle
     * @throws RuntimeException      what the future threw, unchanged
     */
    public <T> T blockOn(Future<T> future) {
        Objects.requireNonNull(future, "blockOn(future): future is null");
        if (running) {
            throw new IllegalStateException("blockOn re-entered from inside task " + current
                    + ": a task cannot block; await the future instead");
        }
        ensureOpen("blockOn");
        owner = Thread.currentThread();
        RealTask root = newTask("main", future, true);
        running = true;
        try {
            drive(root);
        } finally {
            running = false;
            current = null;
        }
        throwUnobservedFailures();
        return rootResult(root);
    }

    /** Installs a service that futures reach through {@code cx.runtime().service(type)}. */
    public <S> void install(Class<S> type, S service) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(service, "service");
        if (services.putIfAbsent(type, service) != null) {
            throw new IllegalStateException("a " + type.getSimpleName() + " is already installed on this runtime");
        }
    }

    /** The reactor of this runtime. */
    public NioReactor reactor() {
        return reactor;
    }

    /** Aborts every remaining task and closes the selector (and with it every socket). Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        for (RealTask t : new ArrayList<>(live)) {
            abort(t);
        }
        closed = true;
        reactor.close();
    }

    // ---------------------------------------------------------------- RuntimeHandle

    @Override
    public long nanos() {
        return System.nanoTime() - startNanos;
    }

    @Override
    public Instant now() {
        return startInstant.plusNanos(nanos());
    }

    @Override
    public TimerRegistration wakeAt(long deadlineNanos, Waker waker) {
        return timers.add(deadlineNanos, Objects.requireNonNull(waker, "waker"), null);
    }

    @Override
    public TimerRegistration runAt(long deadlineNanos, Runnable action) {
        return timers.add(deadlineNanos, null, Objects.requireNonNull(action, "action"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> JoinHandle<T> spawn(String name, Future<T> future) {
        return (JoinHandle<T>) newTask(name, future, false).handle;
    }

    @Override
    public ChoiceSource choices() {
        return choices;
    }

    @Override
    public void trace(TraceEvent event) {
        // A real runtime keeps no trace.
    }

    @Override
    public long step() {
        return steps;
    }

    @Override
    public int currentTaskId() {
        return current != null ? current.id : -1;
    }

    @Override
    public String currentTaskName() {
        return current != null ? current.name : "-";
    }

    @Override
    public String currentHost() {
        return "";
    }

    @Override
    public boolean buggify(String site) {
        return false;
    }

    @Override
    public <S> S service(Class<S> type) {
        return type.cast(services.get(type));
    }

    @Override
    public String describe() {
        return "task " + (current != null ? current.toString() : "-") + " at step " + steps + ", real time "
                + String.format(Locale.ROOT, "%.3fs", nanos() / 1e9) + ", replay " + NO_REPLAY;
    }

    @Override
    public boolean isSimulated() {
        return false;
    }

    @Override
    public String toString() {
        return "RealRuntime[" + live.size() + " tasks, " + timers.size() + " timers]";
    }

    // ---------------------------------------------------------------- the loop

    private void drive(RealTask root) {
        int pollsSinceIo = 0;
        while (!root.isDone()) {
            drainForeignWakes();
            fireDueTimers();
            if (!runQueue.isEmpty() && pollsSinceIo < POLLS_PER_IO_CHECK) {
                poll(runQueue.poll());
                pollsSinceIo++;
                continue;
            }
            long timeout = 0;
            if (runQueue.isEmpty() && foreignWakes.isEmpty()) {
                timeout = timers.isEmpty() ? -1 : Math.max(0, timers.peekDeadline() - nanos());
            }
            reactor.select(timeout);
            pollsSinceIo = 0;
        }
    }

    private void poll(RealTask t) {
        current = t;
        t.state = RealTask.RUNNING;
        steps++;
        dev.lockstep.future.Poll<Object> result;
        try {
            result = t.pin.poll(t.context);
        } catch (Throwable e) {
            current = null;
            finish(t, TraceEvent.Outcome.FAILED, null, e);
            return;
        }
        current = null;
        if (result.isReady()) {
            finish(t, TraceEvent.Outcome.OK, result.value(), null);
        } else if (t.abortRequested) {
            abort(t);
        } else if (t.state == RealTask.NOTIFIED) {
            t.state = RealTask.SCHEDULED;
            runQueue.add(t);
        } else {
            t.state = RealTask.IDLE;
        }
    }

    private void fireDueTimers() {
        long now = nanos();
        while (!timers.isEmpty() && timers.peekDeadline() <= now) {
            timers.poll().fire();
        }
    }

    private void drainForeignWakes() {
        RealTask t;
        while ((t = foreignWakes.poll()) != null) {
            wake(t);
        }
    }

    // ---------------------------------------------------------------- tasks

    private RealTask newTask(String name, Future<?> future, boolean root) {
        Objects.requireNonNull(name, "spawn(name, future): name is null");
        Objects.requireNonNull(future, "spawn(\"" + name + "\", future): future is null");
        ensureOpen("spawn(\"" + name + "\")");
        if (!isOwnerThread()) {
            throw new IllegalStateException("spawn(\"" + name + "\") called from thread '"
                    + Thread.currentThread().getName() + "', not the runtime's thread '" + owner.getName() + "'");
        }
        @SuppressWarnings("unchecked")
        Pin<Object> pin = Pin.of((Future<Object>) future);
        RealTask t = new RealTask(this, nextId++, name, pin, vtable, root);
        live.add(t);
        t.state = RealTask.SCHEDULED;
        runQueue.add(t);
        return t;
    }

    private void wake(RealTask t) {
        if (!isOwnerThread()) {
            foreignWakes.add(t);
            reactor.wakeup();
            return;
        }
        switch (t.state) {
            case RealTask.IDLE -> {
                t.state = RealTask.SCHEDULED;
                runQueue.add(t);
            }
            case RealTask.RUNNING -> t.state = RealTask.NOTIFIED;
            default -> {
                // SCHEDULED, NOTIFIED: already queued. DONE: ignored.
            }
        }
    }

    void abort(RealTask t) {
        if (t.isDone()) {
            return;
        }
        if (t == current) {
            t.abortRequested = true;
            return;
        }
        runQueue.remove(t);
        Throwable cancelFailure = null;
        if (t.pin.get() instanceof Cancellable c) {
            RealTask saved = current;
            current = t;
            try {
                c.cancel();
            } catch (Throwable e) {
                cancelFailure = e;
            } finally {
                current = saved;
            }
        }
        finish(t, cancelFailure != null ? TraceEvent.Outcome.FAILED : TraceEvent.Outcome.ABORTED, null,
                cancelFailure);
    }

    private void finish(RealTask t, TraceEvent.Outcome outcome, Object value, Throwable failure) {
        t.state = RealTask.DONE;
        t.outcome = outcome;
        t.result = value;
        t.failure = failure;
        t.doneStep = steps;
        t.doneNanos = nanos();
        t.pin = null;
        live.remove(t);
        runQueue.remove(t);
        if (outcome == TraceEvent.Outcome.FAILED && !t.root) {
            failed.add(t);
        }
        Waker joiner = t.joinWaker;
        t.joinWaker = null;
        if (joiner != null) {
            joiner.wakeByRef();
        }
    }

    TaskFailedException taskFailure(RealTask t, String message) {
        failed.remove(t);
        return new TaskFailedException(message, t.name, t.id, t.doneStep, t.doneNanos, NO_REPLAY, t.failure);
    }

    private void throwUnobservedFailures() {
        failed.removeIf(t -> t.observed);
        if (failed.isEmpty()) {
            return;
        }
        RealTask first = failed.get(0);
        TaskFailedException e = taskFailure(first, "task " + first + " failed and nobody awaited its JoinHandle: "
                + first.failure);
        for (RealTask t : new ArrayList<>(failed)) {
            e.addSuppressed(taskFailure(t, "task " + t + " also failed: " + t.failure));
        }
        failed.clear();
        throw e;
    }

    @SuppressWarnings("unchecked")
    private <T> T rootResult(RealTask root) {
        switch (root.outcome) {
            case OK -> {
                return (T) root.result;
            }
            case FAILED -> {
                if (root.failure instanceof RuntimeException r) {
                    throw r;
                }
                if (root.failure instanceof Error err) {
                    throw err;
                }
                throw new TaskFailedException("blockOn's future threw " + root.failure, root.name, root.id,
                        root.doneStep, root.doneNanos, NO_REPLAY, root.failure);
            }
            default -> throw new TaskAbortedException("blockOn's future was aborted", root.name, root.doneStep,
                    root.doneNanos, NO_REPLAY);
        }
    }

    boolean isOwnerThread() {
        return Thread.currentThread() == owner;
    }

    private void ensureOpen(String what) {
        if (closed) {
            throw new IllegalStateException(what + " after the RealRuntime was closed; create a new one");
        }
    }
}
