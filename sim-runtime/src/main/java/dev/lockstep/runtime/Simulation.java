package dev.lockstep.runtime;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Future;
import dev.lockstep.future.Pin;
import dev.lockstep.future.RawWakerVTable;
import dev.lockstep.future.Waker;
import dev.lockstep.time.SimClock;
import dev.lockstep.time.TimerRegistration;
import dev.lockstep.time.VirtualScheduledExecutor;
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
 * <h2>Faults and schedulers</h2>
 * {@link Builder#faults(FaultPlan)} makes the executor adversarial (spurious polls, held and
 * duplicated wakes, fresh wakers, the fused check, moves of {@code Unpin} futures, buggify) and
 * {@link Builder#scheduler(Scheduler)} replaces uniform random with PCT; see {@link FaultPlan} and
 * {@link Scheduler}. Both draw from the same choices. With neither, a run draws and traces exactly
 * what is described above.
 *
 * <h2>Errors</h2>
 * <ul>
 *   <li>{@link DeadlockException}: tasks remain, nothing is runnable, no event is pending;
 *   <li>{@link StepLimitException}: more than {@code maxSteps} polls or past {@code maxVirtualTime};
 *   <li>{@link TaskFailedException}: a task threw and nobody awaited its handle;
 *   <li>{@link NondeterminismException}: a waker was used from another thread;
 *   <li>{@link ContractViolationException}: a future broke the poll or pin contract under a fault.
 * </ul>
 * Each names the task, step, virtual time and replay string. A failed run ends the simulation:
 * later {@code blockOn} or {@code spawn} calls throw {@link IllegalStateException}.
 *
 * <h2>Threads</h2>
 * A simulation is confined to the thread that runs {@link #blockOn}; it starts no threads. The
 * one exception is the virtual-thread backend of {@code Async} bodies, which runs each body on a
 * virtual thread in strict hand-off with this one, passing it the baton while it runs.
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
    private final TaskOutcomes outcomes = new TaskOutcomes(this);
    private final Map<Class<?>, Object> services = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<ForeignWake> foreignWakes = new ConcurrentLinkedQueue<>();
    private final Scheduler scheduler;
    private final SchedulePolicy schedulePolicy;
    private final FaultInjector faults;

    /** The parent id of a task started by {@code blockOn}. */
    static final int ROOT_PARENT = -1;
    /** The parent id of a task spawned from outside any task. */
    static final int OUTSIDE_PARENT = -2;

    private long nanos;
    private long step;
    /** Set with {@link Builder#pollTimeout}: polls are watched in real time; null when off. */
    private final Duration pollTimeout;
    /** Incremented at the start of every poll, read by the watchdog thread. */
    private volatile long pollSerial;
    private volatile boolean inPoll;
    private Watchdog watchdog;
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
        this.pollTimeout = b.pollTimeout;
        this.owner = Thread.currentThread();
        // Draw order at construction: a swarm run's plan, then PCT's change points.
        FaultPlan plan = b.faults.isSwarm() ? FaultPlan.drawSwarm(choices) : b.faults;
        if (b.faults.isSwarm()) {
            trace.add(new TraceEvent.Fault(0, 0, -1, "-", "swarm-plan", plan.toString()));
        }
        this.faults = new FaultInjector(this, plan, b.dryMoves);
        this.scheduler = b.scheduler;
        this.schedulePolicy = SchedulePolicy.of(b.scheduler, this);
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
        if (pollTimeout != null) {
            watchdog = new Watchdog(this, owner, pollTimeout, System.err);
        }
        try {
            runUntil(root);
            outcomes.throwUnobservedFailures();
            return outcomes.rootResult(root);
        } catch (SimulationException e) {
            endedBecause = e.getClass().getSimpleName() + " at step " + e.step();
            cancelRemaining(e);
            e.setup(faults.describeSetup(scheduler));
            throw e;
        } finally {
            running = false;
            current = null;
            if (watchdog != null) {
                watchdog.close();
                watchdog = null;
                Thread.interrupted(); // clear an interrupt the watchdog may have sent
            }
        }
    }

    /**
     * After a failed run, cancels every task still alive so that it releases what it holds (an
     * async body's generator, timers, sockets). A cancel that throws is attached to the failure.
     */
    private void cancelRemaining(SimulationException failure) {
        current = null;
        for (Task t : new ArrayList<>(live)) {
            try {
                abort(t);
            } catch (RuntimeException | Error e) {
                failure.addSuppressed(e);
            }
        }
        outcomes.attachUnobserved(failure);
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

    /**
     * The faults this run injects: the builder's plan, or for {@link FaultPlan#swarm()} the plan
     * this run drew. Printed with every failure of the run.
     */
    public FaultPlan faultPlan() {
        return faults.plan();
    }

    /** How this run picks the next task. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** The virtual clock. */
    public SimClock clock() {
        return clock;
    }

    /**
     * A new {@code ScheduledExecutorService} whose tasks are tasks of this simulation, run in
     * virtual time: for code that takes an executor. Each call returns a new executor (its own
     * shutdown state) over the same clock and run queue; see {@link VirtualScheduledExecutor}.
     */
    public VirtualScheduledExecutor scheduledExecutor() {
        return VirtualScheduledExecutor.of(this);
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
                if (faults.whenIdle()) {
                    continue;
                }
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
                // As in runUntil: delivering held wakes may schedule nothing (their task finished),
                // so look at the run queue again rather than polling from it.
                if (faults.whenIdle()) {
                    continue;
                }
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
        faults.beforePick();
        Task next = faults.pickNext(runQueue, schedulePolicy);
        faults.beforePoll(next);
        poll(next);
    }

    private void poll(Task t) {
        current = t;
        t.state = Task.RUNNING;
        t.wakerDropped = false;
        t.polls++;
        long thisStep = step;
        dev.lockstep.future.Poll<Object> result;
        if (pollTimeout != null) {
            pollSerial++;
            inPoll = true;
        }
        try {
            result = t.pin.poll(t.context);
        } catch (Throwable e) {
            current = null;
            step++;
            checkWatchdog(t);
            trace.add(new TraceEvent.Polled(thisStep, nanos, t.id, t.name, true));
            finish(t, TraceEvent.Outcome.FAILED, null, e);
            return;
        }
        current = null;
        step++;
        checkWatchdog(t);
        boolean ready = result.isReady();
        trace.add(new TraceEvent.Polled(thisStep, nanos, t.id, t.name, ready));
        if (ready) {
            faults.afterReady(t);
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

    private void checkWatchdog(Task t) {
        if (pollTimeout == null) {
            return;
        }
        inPoll = false;
        String report = watchdog != null ? watchdog.report() : null;
        if (report != null) {
            throw new StepLimitException("poll timeout: " + report, step, nanos, replayString());
        }
    }

    long pollSerial() {
        return pollSerial;
    }

    boolean inPoll() {
        return inPoll;
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
            reportForeignThread("task " + t + " was woken", "");
            return;
        }
        if (faults.holdWake(t, how)) {
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
        faults.afterWake(t, how, scheduled);
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
            outcomes.failed(t);
        }
        if (!t.joinWakers.isEmpty()) {
            List<Waker> joiners = new ArrayList<>(t.joinWakers);
            t.joinWakers.clear();
            String savedSource = wakeSource;
            wakeSource = "join";
            wakeByTask = t.id;
            try {
                for (Waker joiner : joiners) {
                    joiner.wakeByRef();
                }
            } finally {
                wakeSource = savedSource;
                wakeByTask = -1;
            }
        }
    }

    List<Task> unobservedFailures() {
        return outcomes.unobserved();
    }

    TaskFailedException taskFailure(Task t, String message) {
        return outcomes.taskFailure(t, message);
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

    /**
     * Records {@code event}, which happened on the calling thread rather than the simulation's;
     * the loop reports it as a {@link NondeterminismException} at its next step. Safe from any thread.
     */
    void reportForeignThread(String event, String detail) {
        String thread = Thread.currentThread().getName();
        foreignWakes.add(new ForeignWake(event, detail, thread,
                new Throwable("stack of thread '" + thread + "' where " + event)));
    }

    private void checkForeignWakes() {
        ForeignWake w = foreignWakes.peek();
        if (w != null) {
            throw new NondeterminismException(w.describe() + ", not the simulation's thread '" + owner.getName()
                    + "': a real thread reached into the simulation, so this run cannot be replayed. Complete"
                    + " futures and run callbacks on the simulation's thread (in a task, through"
                    + " sim.scheduledExecutor() or the Interop adapters) so their order is a recorded choice",
                    step, nanos, replayString(), w.stack());
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

    /** Runs {@code body} as if polling {@code t} (spawns and timers are credited to it). */
    <R> R runAs(Task t, java.util.function.Supplier<R> body) {
        Task saved = current;
        current = t;
        try {
            return body.get();
        } finally {
            current = saved;
        }
    }

    /** The tasks not yet done, in spawn order (live view). */
    java.util.Collection<Task> tasks() {
        return live;
    }

    FaultInjector faults() {
        return faults;
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

    /** Something that happened on a thread other than the simulation's, kept until the loop reports it. */
    record ForeignWake(String event, String detail, String thread, Throwable stack) {
        /** {@code "<event> on thread '<thread>' (<detail>)"}. */
        String describe() {
            return event + " on thread '" + thread + "'" + (detail.isEmpty() ? "" : " (" + detail + ")");
        }
    }

    // ---------------------------------------------------------------- builder

    /** Configures a {@link Simulation}. */
    public static final class Builder {
        private long seed;
        private ChoiceSource choices;
        private long maxSteps = 10_000_000L;
        private Duration maxVirtualTime = Duration.ofNanos(Long.MAX_VALUE);
        private int traceCapacity = 10_000;
        private Duration pollTimeout;
        private FaultPlan faults = FaultPlan.none();
        private Scheduler scheduler = Scheduler.uniform();
        /** Relocations drawn but not made: the run without moves of {@link #checkMoves}. */
        private boolean dryMoves;

        private Builder() {}

        /**
         * Watches every poll in real time: a poll still running after {@code timeout} is reported
         * (task, step, stack) and the run fails with {@link StepLimitException} when it returns.
         * Off by default; it costs a thread per {@code blockOn}. The only use of real time.
         */
        public Builder pollTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "pollTimeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("pollTimeout must be positive, got " + timeout);
            }
            this.pollTimeout = timeout;
            return this;
        }

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

        /** Inject the faults of {@code plan} ({@link FaultPlan#none()} by default; see {@link FaultKind}). */
        public Builder faults(FaultPlan plan) {
            this.faults = Objects.requireNonNull(plan, "faults");
            return this;
        }

        /** Pick the next task with {@code scheduler} ({@link Scheduler#uniform()} by default). */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
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

        /**
         * Runs {@code scenario} twice on the same choices, first with the {@code relocate} fault
         * moving {@code Unpin} futures (at this builder's probability, or 0.5 if the plan has it
         * off), then with the same relocations drawn but not made, and reports whether the moves
         * changed the result or the trace: a pin-contract violation the reference scan cannot see,
         * such as the test itself reading a pre-move instance.
         */
        public MoveReport checkMoves(java.util.function.Function<Simulation, ?> scenario) {
            return MoveCheck.check(this, scenario);
        }

        Builder dryMoves() {
            this.dryMoves = true;
            return this;
        }

        FaultPlan faultPlan() {
            return faults;
        }

        Builder copyWith(ChoiceSource source, int capacity) {
            Builder b = new Builder();
            b.seed = seed;
            b.choices = source;
            b.maxSteps = maxSteps;
            b.maxVirtualTime = maxVirtualTime;
            b.traceCapacity = capacity;
            b.pollTimeout = pollTimeout;
            b.faults = faults;
            b.scheduler = scheduler;
            b.dryMoves = dryMoves;
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
