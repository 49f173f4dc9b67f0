package dev.lockstep.runtime;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Future;
import dev.lockstep.future.Pin;
import dev.lockstep.future.RawWakerVTable;
import dev.lockstep.future.Waker;
import dev.lockstep.time.SimClock;
import dev.lockstep.time.TimerRegistration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A deterministic, single-threaded executor of futures in virtual time.
 *
 * <pre>{@code
 * Simulation sim = Simulation.builder().seed(42).build();
 * int n = sim.blockOn(Async.async(a -> ...));
 * }</pre>
 *
 * <h2>Scheduling</h2>
 * Tasks wait in a run queue in wake order. Which runnable task is polled next is a choice of the
 * run's {@link ChoiceSource}; choice 0 is the oldest (FIFO). When only one task is runnable nothing
 * is drawn. A woken task is queued once however often it is woken; a wake after completion is
 * ignored.
 *
 * <h2>Time</h2>
 * The clock starts at 0 and moves only when nothing is runnable: it jumps to the next timer or
 * event, which then fires (equal deadlines in registration order). Nothing sleeps for real.
 *
 * <h2>Errors</h2>
 * <ul>
 *   <li>{@link DeadlockException}: tasks remain, nothing is runnable, no event is pending;
 *   <li>{@link StepLimitException}: more than {@code maxSteps} polls or past {@code maxVirtualTime};
 *   <li>{@link TaskFailedException}: a task threw and nobody awaited its handle;
 *   <li>{@link NondeterminismException}: a waker was used from another thread.
 * </ul>
 * Each names the task, step, virtual time and replay string. A failed run ends the simulation:
 * later {@code blockOn} or {@code spawn} calls throw {@link IllegalStateException}.
 *
 * <h2>Threads</h2>
 * A simulation is confined to the thread that runs {@link #blockOn}; it starts no threads.
 */
public final class Simulation {
    private final ChoiceSource choices;
    private final long maxSteps;
    private final long maxVirtualNanos;
    private final Trace trace;
    private final SimHandle handle = new SimHandle(this);
    private final SimClock clock = new SimClock(this::nanos);
    private final RawWakerVTable taskVTable = TaskWakers.vtable(this);
    private final RunQueue runQueue = new RunQueue();
    private final TimerQueue timers = new TimerQueue();
    /** Tasks not yet done, in spawn order. */
    private final LinkedHashSet<Task> live = new LinkedHashSet<>();
    /** Failed tasks whose handle has not been awaited yet, in failure order. */
    private final List<Task> failed = new ArrayList<>();
    private final Map<Class<?>, Object> services = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<ForeignWake> foreignWakes = new ConcurrentLinkedQueue<>();

    /** The parent id of a task started by {@code blockOn}. */
    static final int ROOT_PARENT = -1;
    /** The parent id of a task spawned from outside any task. */
    static final int OUTSIDE_PARENT = -2;

    private long nanos;
    private long step;
    private int nextTaskId;
    private Task current;
    /** How wakes outside a poll are labelled in the trace: "timer", "event" or "external". */
    private String wakeSource = "external";
    /** The task credited with wakes made between polls (a finished task waking its joiner), or -1. */
    private int wakeByTask = -1;
    private volatile Thread owner;
    private boolean running;
    /** Why the simulation ended, or null while it may still run. */
    private String endedBecause;

    private Simulation(Builder b) {
        this.choices = b.choices != null ? b.choices : ChoiceSource.seeded(b.seed);
        this.maxSteps = b.maxSteps;
        this.maxVirtualNanos = b.maxVirtualTime.toNanos();
        this.trace = new Trace(b.traceCapacity);
        this.owner = Thread.currentThread();
    }

    /** A builder with seed 0, 10,000,000 max steps, no virtual time limit, and 10,000 retained trace events. */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- public API

    /**
     * Runs {@code future} as the task {@code "main"} until it completes, running every other task
     * and timer as needed, and returns its value.
     *
     * @throws IllegalStateException if called from inside a task, or after the simulation ended
     * @throws SimulationException   on deadlock, step limit, an unobserved task failure or nondeterminism
     * @throws RuntimeException      what the future threw, unchanged
     */
    public <T> T blockOn(Future<T> future) {
        Objects.requireNonNull(future, "blockOn(future): future is null");
        if (running) {
            throw new IllegalStateException("blockOn re-entered from inside task " + describeCurrent()
                    + ": a task cannot block; await the future instead (Async: a.await(f); poll: return Pending)");
        }
        ensureNotEnded("blockOn");
        owner = Thread.currentThread();
        Task root = newTask("main", future, ROOT_PARENT);
        running = true;
        try {
            runUntil(root);
            throwUnobservedFailures();
            return rootResult(root);
        } catch (SimulationException e) {
            endedBecause = e.getClass().getSimpleName() + " at step " + e.step();
            throw e;
        } finally {
            running = false;
            current = null;
        }
    }

    /**
     * Starts {@code future} as a task; it first runs at the next {@code blockOn} (or now, when
     * called from inside a task).
     */
    public <T> JoinHandle<T> spawn(String name, Future<T> future) {
        return handle.spawn(name, future);
    }

    /**
     * Moves the clock forward by {@code duration}, firing due timers and running the tasks they
     * wake, as tokio-test's {@code time::advance}. For driving futures by hand ({@code MockTask}).
     *
     * @throws IllegalStateException from inside a task
     */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("advance(duration) needs a non-negative duration, got " + duration);
        }
        if (running) {
            throw new IllegalStateException("advance() called from inside task " + describeCurrent());
        }
        ensureNotEnded("advance");
        long target = Math.addExact(nanos, duration.toNanos());
        running = true;
        try {
            while (true) {
                runRunnable();
                if (timers.isEmpty() || timers.peekDeadline() > target) {
                    break;
                }
                advanceClockTo(timers.peekDeadline());
            }
            nanos = target;
        } finally {
            running = false;
            current = null;
        }
    }

    /**
     * Starts {@code future} as a task on the simulated host {@code host}: the task and every task
     * it spawns belong to that host, so {@link #abortHost} can cancel them together (a crash).
     */
    @SuppressWarnings("unchecked")
    public <T> JoinHandle<T> spawnOnHost(String host, String name, Future<T> future) {
        Objects.requireNonNull(host, "spawnOnHost: host is null");
        Task t = newTask(name, future, current != null ? current.id : OUTSIDE_PARENT, host);
        return (JoinHandle<T>) t.handle;
    }

    /**
     * Aborts every unfinished task of {@code host} (a crash), in spawn order, cancelling their
     * futures so their registrations are released.
     *
     * @return how many tasks were aborted
     */
    public int abortHost(String host) {
        int n = 0;
        for (Task t : new ArrayList<>(live)) {
            if (t.host.equals(host)) {
                abort(t);
                n++;
            }
        }
        return n;
    }

    /** Aborts every remaining task and ends the simulation; later {@code blockOn}/{@code spawn} throw. */
    public void shutdown() {
        for (Task t : new ArrayList<>(live)) {
            abort(t);
        }
        if (endedBecause == null) {
            endedBecause = "shutdown() at step " + step;
        }
    }

    /**
     * Installs a service that futures reach through {@code cx.runtime().service(type)}, such as a
     * simulated network's reactor.
     *
     * @throws IllegalStateException if a service of that type is already installed
     */
    public <S> void install(Class<S> type, S service) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(service, "service");
        if (services.putIfAbsent(type, service) != null) {
            throw new IllegalStateException("a " + type.getSimpleName() + " is already installed on this simulation");
        }
    }

    /** The runtime handle that futures polled here see as {@code cx.runtime()}. */
    public RuntimeHandle handle() {
        return handle;
    }

    /** The source of this run's decisions; also where tests draw their data. */
    public ChoiceSource choices() {
        return choices;
    }

    /** The virtual clock. */
    public SimClock clock() {
        return clock;
    }

    /** This run's trace. */
    public Trace trace() {
        return trace;
    }

    /** The 64-bit hash of this run's trace so far. */
    public long traceHash() {
        return trace.hash();
    }

    /** The replay string of the choices drawn so far. */
    public String replayString() {
        return choices.replayString();
    }

    /** Polls made so far. */
    public long step() {
        return step;
    }

    /** Virtual nanoseconds since the start. */
    public long nanos() {
        return nanos;
    }

    /** Number of tasks not yet finished. */
    public int liveTasks() {
        return live.size();
    }

    /** Number of timers and events pending. */
    public int pendingTimers() {
        return timers.size();
    }

    // ---------------------------------------------------------------- the loop

    private void runUntil(Task root) {
        while (!root.isDone()) {
            checkForeignWakes();
            fireDueTimers();
            if (runQueue.isEmpty()) {
                if (timers.isEmpty()) {
                    throw Deadlocks.diagnose(this, live, root);
                }
                advanceClockTo(timers.peekDeadline());
                continue;
            }
            pollNext();
        }
    }

    /** Polls runnable tasks until none is left, without moving the clock. */
    private void runRunnable() {
        while (true) {
            checkForeignWakes();
            fireDueTimers();
            if (runQueue.isEmpty()) {
                return;
            }
            pollNext();
        }
    }

    private void pollNext() {
        if (step >= maxSteps) {
            throw new StepLimitException("step limit reached: " + maxSteps + " polls without the run completing"
                    + " (livelock, or a busy loop that never sleeps?); raise maxSteps if the run is just long.\n"
                    + "last events:\n" + Trace.format(trace.tail(20)), step, nanos, replayString());
        }
        int n = runQueue.size();
        int index = 0;
        if (n > 1) {
            index = choices.choose(n);
            trace.add(new TraceEvent.Choice(step, nanos, "schedule", n, index));
        }
        poll(runQueue.removeAt(index));
    }

    private void poll(Task t) {
        current = t;
        t.state = Task.RUNNING;
        t.wakerDropped = false;
        t.polls++;
        long thisStep = step;
        dev.lockstep.future.Poll<Object> result;
        try {
            result = t.pin.poll(t.context);
        } catch (Throwable e) {
            current = null;
            step++;
            trace.add(new TraceEvent.Polled(thisStep, nanos, t.id, t.name, true));
            finish(t, TraceEvent.Outcome.FAILED, null, e);
            return;
        }
        current = null;
        step++;
        boolean ready = result.isReady();
        trace.add(new TraceEvent.Polled(thisStep, nanos, t.id, t.name, ready));
        if (ready) {
            finish(t, TraceEvent.Outcome.OK, result.value(), null);
            return;
        }
        t.lastPendingStep = thisStep;
        t.lastPendingNanos = nanos;
        if (t.abortRequested) {
            abort(t);
        } else if (t.state == Task.NOTIFIED) {
            t.state = Task.SCHEDULED;
            runQueue.add(t);
        } else {
            t.state = Task.IDLE;
        }
    }

    private void fireDueTimers() {
        if (!timers.isEmpty() && timers.peekDeadline() <= nanos) {
            fireTimersAt(nanos);
        }
    }

    private void advanceClockTo(long deadline) {
        if (deadline > maxVirtualNanos) {
            throw new StepLimitException("virtual time limit reached: the next event is at "
                    + TraceHash.time(deadline) + ", past maxVirtualTime " + TraceHash.time(maxVirtualNanos)
                    + "; raise maxVirtualTime if the run is just long.\nlast events:\n" + Trace.format(trace.tail(20)),
                    step, nanos, replayString());
        }
        if (deadline > nanos) {
            trace.add(new TraceEvent.ClockAdvanced(step, deadline, nanos));
            nanos = deadline;
        }
        fireTimersAt(nanos);
    }

    private void fireTimersAt(long now) {
        while (!timers.isEmpty() && timers.peekDeadline() <= now) {
            TimerEntry e = timers.poll();
            e.fired = true;
            trace.add(new TraceEvent.Timer(step, nanos, e.owner, e.ownerName, TraceEvent.TimerAction.FIRED, e.deadline));
            if (e.action != null) {
                wakeSource = "event";
                try {
                    e.action.run();
                } finally {
                    wakeSource = "external";
                }
            } else {
                wakeSource = "timer";
                try {
                    e.waker.wakeByRef();
                } finally {
                    wakeSource = "external";
                }
            }
        }
    }

    // ---------------------------------------------------------------- tasks

    Task newTask(String name, Future<?> future, int parent) {
        return newTask(name, future, parent, current != null ? current.host : "");
    }

    Task newTask(String name, Future<?> future, int parent, String host) {
        Objects.requireNonNull(name, "spawn(name, future): name is null");
        Objects.requireNonNull(future, "spawn(\"" + name + "\", future): future is null");
        ensureNotEnded("spawn(\"" + name + "\")");
        if (!isSimulationThread()) {
            throw new IllegalStateException("spawn(\"" + name + "\") called from thread '"
                    + Thread.currentThread().getName() + "', not the simulation's thread '" + owner.getName() + "'");
        }
        @SuppressWarnings("unchecked")
        Pin<Object> pin = Pin.of((Future<Object>) future);
        Task t = new Task(this, nextTaskId++, name, parent, host, pin);
        live.add(t);
        trace.add(new TraceEvent.Spawned(step, nanos, t.id, t.name, parent, host));
        t.state = Task.SCHEDULED;
        runQueue.add(t);
        return t;
    }

    void wake(Task t, String how) {
        if (!isSimulationThread()) {
            foreignWakes.add(new ForeignWake(t.toString(), Thread.currentThread().getName(),
                    new Throwable("stack of the foreign wake, thread '" + Thread.currentThread().getName() + "'")));
            return;
        }
        String source = how != null ? how : current != null ? "task" : wakeSource;
        int by = current != null ? current.id : wakeByTask;
        boolean scheduled = false;
        switch (t.state) {
            case Task.IDLE -> {
                t.state = Task.SCHEDULED;
                runQueue.add(t);
                scheduled = true;
            }
            case Task.RUNNING -> {
                t.state = Task.NOTIFIED;
                scheduled = true;
            }
            default -> {
                // SCHEDULED, NOTIFIED: already queued. DONE: a wake after completion is ignored.
            }
        }
        trace.add(new TraceEvent.Woken(step, nanos, t.id, t.name, by, source, scheduled));
    }

    void abort(Task t) {
        if (t.isDone()) {
            return;
        }
        if (t == current) {
            t.abortRequested = true;
            return;
        }
        if (t.state == Task.SCHEDULED) {
            runQueue.remove(t);
        }
        Throwable cancelFailure = null;
        if (t.pin.get() instanceof Cancellable c) {
            Task saved = current;
            current = t;
            try {
                c.cancel();
            } catch (Throwable e) {
                cancelFailure = e;
            } finally {
                current = saved;
            }
        }
        if (cancelFailure != null) {
            finish(t, TraceEvent.Outcome.FAILED, null, cancelFailure);
        } else {
            finish(t, TraceEvent.Outcome.ABORTED, null, null);
        }
    }

    private void finish(Task t, TraceEvent.Outcome outcome, Object value, Throwable failure) {
        // A task finishing from its own poll was taken off the run queue to be polled: skip the
        // queue scan, which made finishing n runnable tasks cost O(n^2).
        boolean maybeQueued = t.state != Task.RUNNING && t.state != Task.NOTIFIED;
        t.state = Task.DONE;
        t.outcome = outcome;
        t.result = value;
        t.failure = failure;
        t.doneStep = step;
        t.doneNanos = nanos;
        t.pin = null;
        live.remove(t);
        if (maybeQueued) {
            runQueue.remove(t);
        }
        trace.add(new TraceEvent.Completed(step, nanos, t.id, t.name, outcome,
                failure == null ? "" : failure.toString()));
        if (outcome == TraceEvent.Outcome.FAILED && t.parent != ROOT_PARENT) {
            failed.add(t);
        }
        Waker joiner = t.joinWaker;
        t.joinWaker = null;
        if (joiner != null) {
            String savedSource = wakeSource;
            wakeSource = "join";
            wakeByTask = t.id;
            try {
                joiner.wakeByRef();
            } finally {
                wakeSource = savedSource;
                wakeByTask = -1;
            }
        }
    }

    TaskFailedException taskFailure(Task t, String message) {
        failed.remove(t);
        return new TaskFailedException(message, t.name, t.id, t.doneStep, t.doneNanos, replayString(), t.failure);
    }

    private void throwUnobservedFailures() {
        failed.removeIf(t -> t.observed);
        if (failed.isEmpty()) {
            return;
        }
        Task first = failed.get(0);
        TaskFailedException e = new TaskFailedException("task " + first + " failed and nobody awaited its"
                + " JoinHandle: " + first.failure + (failed.size() > 1 ? " (and " + (failed.size() - 1)
                + " more failed tasks, attached as suppressed)" : ""), first.name, first.id, first.doneStep,
                first.doneNanos, replayString(), first.failure);
        for (Task t : failed.subList(1, failed.size())) {
            e.addSuppressed(taskFailure(t, "task " + t + " also failed: " + t.failure));
        }
        failed.clear();
        throw e;
    }

    @SuppressWarnings("unchecked")
    private <T> T rootResult(Task root) {
        switch (root.outcome) {
            case OK -> {
                return (T) root.result;
            }
            case FAILED -> {
                Throwable f = root.failure;
                if (f instanceof RuntimeException r) {
                    throw r;
                }
                if (f instanceof Error err) {
                    throw err;
                }
                throw new TaskFailedException("blockOn's future threw " + f, root.name, root.id, root.doneStep,
                        root.doneNanos, replayString(), f);
            }
            default -> throw new TaskAbortedException("blockOn's future was aborted", root.name, root.doneStep,
                    root.doneNanos, replayString());
        }
    }

    // ---------------------------------------------------------------- timers

    TimerRegistration addTimer(long deadline, Waker waker, Runnable action) {
        if (deadline < 0) {
            throw new IllegalArgumentException("timer deadline must be >= 0 ns, got " + deadline);
        }
        int owner = current != null ? current.id : -1;
        String ownerName = current != null ? current.name : (action != null ? "event" : "-");
        TimerEntry e = new TimerEntry(this, Math.max(deadline, nanos), owner, ownerName, waker, action);
        timers.add(e);
        trace.add(new TraceEvent.Timer(step, nanos, owner, ownerName, TraceEvent.TimerAction.SET, e.deadline));
        return e;
    }

    void cancelTimer(TimerEntry e) {
        if (timers.remove(e)) {
            trace.add(new TraceEvent.Timer(step, nanos, e.owner, e.ownerName, TraceEvent.TimerAction.CANCELLED,
                    e.deadline));
        }
    }

    TimerEntry[] pendingTimerEntries() {
        return timers.snapshot();
    }

    // ---------------------------------------------------------------- confinement and diagnosis

    boolean isSimulationThread() {
        return Thread.currentThread() == owner;
    }

    /**
     * Hands the simulation to another thread for the duration of a strict hand-off (the generator
     * backend that runs an async body on a virtual thread): while it holds the baton, that thread
     * counts as the simulation's. Returns the previous holder, to restore afterwards.
     */
    Thread passBaton(Thread to) {
        Thread previous = owner;
        owner = to;
        return previous;
    }

    private void checkForeignWakes() {
        ForeignWake w = foreignWakes.peek();
        if (w != null) {
            throw new NondeterminismException("task " + w.task() + " was woken from thread '" + w.thread()
                    + "', not the simulation's thread: a real thread completed something the simulation waits on."
                    + " Route completions through the simulation (Interop adapters, scheduledExecutor()) so their"
                    + " order is a recorded choice", step, nanos, replayString(), w.stack());
        }
    }

    ForeignWake firstForeignWake() {
        return foreignWakes.peek();
    }

    private void ensureNotEnded(String what) {
        if (endedBecause != null) {
            throw new IllegalStateException(what + " after the simulation ended (" + endedBecause
                    + "); build a new Simulation for a new run");
        }
    }

    String describeCurrent() {
        return current != null ? current.toString() : "-";
    }

    Task currentTask() {
        return current;
    }

    RawWakerVTable taskVTable() {
        return taskVTable;
    }

    Map<Class<?>, Object> services() {
        return services;
    }

    /** Task, step, virtual time and replay string, for error messages. */
    String describe() {
        return "task " + describeCurrent() + " at step " + step + ", t=" + TraceHash.time(nanos) + ", replay "
                + replayString();
    }

    /** A wake from a thread other than the simulation's, kept until the loop reports it. */
    record ForeignWake(String task, String thread, Throwable stack) {}

    // ---------------------------------------------------------------- builder

    /** Configures a {@link Simulation}. */
    public static final class Builder {
        private long seed;
        private ChoiceSource choices;
        private long maxSteps = 10_000_000L;
        private Duration maxVirtualTime = Duration.ofNanos(Long.MAX_VALUE);
        private int traceCapacity = 10_000;

        private Builder() {}

        /** Draw choices from a source seeded with {@code seed} (ignored if {@link #choices} is set). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Draw choices from {@code source}: {@code ChoiceSource.seeded(long)} or
         * {@code ChoiceSource.replay(int[])}. The way to drive Lockstep from another property-based
         * testing library. A source is stateful: use a new one for each simulation.
         */
        public Builder choices(ChoiceSource source) {
            this.choices = Objects.requireNonNull(source, "choices");
            return this;
        }

        /** Fail with {@link StepLimitException} after this many polls. */
        public Builder maxSteps(long maxSteps) {
            if (maxSteps < 1) {
                throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
            }
            this.maxSteps = maxSteps;
            return this;
        }

        /** Fail with {@link StepLimitException} when the clock would pass this virtual time. */
        public Builder maxVirtualTime(Duration limit) {
            Objects.requireNonNull(limit, "maxVirtualTime");
            if (limit.isNegative()) {
                throw new IllegalArgumentException("maxVirtualTime must not be negative, got " + limit);
            }
            this.maxVirtualTime = limit;
            return this;
        }

        /** How many trace events to retain (the hash covers all); {@code Integer.MAX_VALUE} keeps all. */
        public Builder traceCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("traceCapacity must be >= 1, got " + capacity);
            }
            this.traceCapacity = capacity;
            return this;
        }

        /** A new simulation. */
        public Simulation build() {
            return new Simulation(this);
        }

        /**
         * Runs {@code scenario} twice, first with this builder's choices and then replaying the
         * choices the first run recorded, each with a full trace, and reports the first event
         * where the two differ. A scenario that throws is compared up to the throw.
         */
        public DeterminismReport checkDeterminism(java.util.function.Consumer<Simulation> scenario) {
            return Determinism.check(this, scenario);
        }

        Builder copyWith(ChoiceSource source, int capacity) {
            Builder b = new Builder();
            b.seed = seed;
            b.choices = source;
            b.maxSteps = maxSteps;
            b.maxVirtualTime = maxVirtualTime;
            b.traceCapacity = capacity;
            return b;
        }

        long seed() {
            return seed;
        }

        ChoiceSource choicesOrNull() {
            return choices;
        }
    }
}
