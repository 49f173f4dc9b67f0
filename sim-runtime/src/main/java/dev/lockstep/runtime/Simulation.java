package dev.lockstep.runtime;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.choice.Replay;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.fault.MoveReport;
import dev.lockstep.future.Future;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.internal.Deadlines;
import dev.lockstep.internal.choice.SwarmChoices;
import dev.lockstep.internal.edge.EdgeAgents;
import dev.lockstep.internal.edge.EdgeRun;
import dev.lockstep.internal.exec.ForeignThreads;
import dev.lockstep.internal.exec.Kernel;
import dev.lockstep.internal.exec.NetworkNemesis;
import dev.lockstep.internal.exec.RunLoop;
import dev.lockstep.internal.exec.SimTimers;
import dev.lockstep.internal.exec.Task;
import dev.lockstep.internal.exec.TaskLifecycle;
import dev.lockstep.schedule.Scheduler;
import dev.lockstep.schedule.SearchReport;
import dev.lockstep.time.BlockingRuntime;
import dev.lockstep.time.SimClock;
import dev.lockstep.time.VirtualScheduledExecutor;
import dev.lockstep.trace.DeterminismReport;
import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

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
 *   <li>{@link StepLimitException}: more than {@code maxSteps} polls, past {@code maxVirtualTime},
 *       or a poll that overran the {@link Builder#pollTimeout};
 *   <li>{@link LivelockException}: {@code livelockSteps} polls in a row made no progress;
 *   <li>{@link TaskFailedException}: a task threw and nobody awaited its handle;
 *   <li>{@link NondeterminismException}: a waker was used from another thread;
 *   <li>{@link ContractViolationException}: a future broke the poll or pin contract under a fault;
 *   <li>{@link EscapeException}: code the run ran reached outside it where the {@link EscapePolicy}
 *       does not let it through.
 * </ul>
 * Each names the task, step, virtual time and replay string. A failed run ends the simulation:
 * later {@code blockOn} or {@code spawn} calls throw {@link IllegalStateException}.
 *
 * <h2>The outside world</h2>
 * With {@code dev.lockstep:sim-agent} on the class path, code the simulation runs that reads real
 * time or randomness, uses a real thread pool, starts a thread or blocks is virtualized or
 * reported at its call site, as {@link Builder#escapes(EscapePolicy)} says; see
 * {@code docs/outside-world.md}. A {@code blockOn} makes its thread the simulation's for rewritten
 * calls while it runs.
 *
 * <h2>Threads</h2>
 * A simulation is confined to the thread that runs {@link #blockOn}; it starts no threads. The
 * one exception is the virtual-thread backend of {@code Async} bodies, which runs each body on a
 * virtual thread in strict hand-off with this one, passing it the baton while it runs; once such
 * a body has taken the baton from a platform thread, {@code blockOn} moves the rest of its loop,
 * between two polls, to a virtual thread named as the caller, which the caller waits for, so
 * that each hand-off stays on one carrier ({@link VirtualDriver}). That thread owns the
 * simulation while it runs the loop; the caller owns it again when {@code blockOn} returns.
 */
public final class Simulation implements BlockingRuntime {
    private final ChoiceSource choices;
    private final Trace trace;
    private final SimClock clock = new SimClock(this::nanos);
    // The executor (Kernel) and its parts, each the owner of its state: TaskLifecycle (tasks, the
    // current task, the step count), SimTimers (the clock, timers), RunLoop (what runs next),
    // ForeignThreads (the simulation's thread). This class checks the public calls and hands them
    // to the parts.
    private final Kernel kernel;
    private final Scheduler scheduler;
    /** The setup this run uses and prints in its replay string. */
    private final RunSetup setup;
    /** Choices drawn for the setup (a swarm run's plan), left out of the replay string's choices. */
    private final int setupDraws;
    /** What rewritten call sites may do in this simulation (the kernel's edge applies it). */
    private final EscapePolicy escapes;
    /** Whether {@code blockOn} or {@code advance} is running (a task calling them back is refused). */
    private boolean running;

    private Simulation(Builder b) {
        // A seeded swarm run draws "plain or faults" apart from its stream, so that its plain runs
        // are the plain runs of the same seeds (SwarmChoices).
        this.choices = b.choices != null ? b.choices
                : b.faults.isSwarm() ? new SwarmChoices(b.seed) : ChoiceSource.seeded(b.seed);
        this.setup = RunSetup.resolve(b, choices.setup().isEmpty() ? b.inheritedSetup : choices.setup(),
                b.replayText != null ? b.replayText : "with setup " + choices.setup().describe());
        this.trace = new Trace(b.traceCapacity);
        // Draw order at construction: a swarm run's plan, then PCT's change points.
        FaultPlan plan = setup.faults().isSwarm() ? FaultPlan.drawSwarm(choices) : setup.faults();
        if (setup.faults().isSwarm() || (setup.fromString() && b.faults.isSwarm())) {
            trace.add(new TraceEvent.Fault(0, 0, -1, "-", "swarm-plan", plan.toString()));
        }
        this.setupDraws = choices.recordedCount();
        this.scheduler = setup.scheduler();
        this.escapes = b.escapes;
        this.kernel = new Kernel(new Host(), SimulationErrors.INSTANCE, choices, trace, Thread.currentThread(),
                setup.maxVirtualTime(), plan, b.dryMoves, scheduler, b.pollTimeout, setup.maxSteps(),
                setup.livelockSteps(), b.escapes.name(), b.escapes == EscapePolicy.VIRTUALIZE,
                b.escapes != EscapePolicy.ALLOW, b.wallClockEpoch, b.pollTimeoutListener);
        if (b.escapes != EscapePolicy.ALLOW) {
            EdgeAgents.attach();
        }
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
     * @throws NullPointerException  if {@code future} is null
     * @throws IllegalStateException if called from inside a task, or after the simulation ended
     * @throws SimulationException   on deadlock, step or time limit, livelock, an unobserved task
     *     failure, nondeterminism, a contract violation or an escape (see "Errors" above); the run
     *     then ends
     * @throws RuntimeException      what the future threw, unchanged
     * @throws Error                 what the future threw, of the same type (an {@code AssertionError}
     *     stays one), with a suppressed {@link TaskFailedException} naming the task, step, virtual
     *     time and replay string
     */
    @Override
    public <T> T blockOn(Future<T> future) {
        Objects.requireNonNull(future, "blockOn(future): future is null");
        if (running) {
            throw new IllegalStateException("blockOn re-entered from inside " + kernel.describe()
                    + ": a task cannot block; await the future instead (Async: a.await(f); poll: return Pending)");
        }
        ensureNotEnded("blockOn");
        kernel.threads().claim();
        Task root = newTask("main", future, Task.ROOT_PARENT);
        running = true;
        kernel.tasks().watchPolls(Thread.currentThread());
        EdgeRun outer = kernel.edge().enter();
        try {
            runRoot(root);
            if (kernel.edge().firstEscape() != null) {
                throw kernel.edge().firstEscape();   // reported, then caught and swallowed by the code it ran
            }
            kernel.outcomes().throwUnobservedFailures();
            return kernel.outcomes().rootResult(root);
        } catch (SimulationException e) {
            SimulationException failure = kernel.edge().firstEscape() != null ? (SimulationException) kernel.edge().firstEscape() : e;
            if (failure != e) {
                failure.addSuppressed(e);
            }
            kernel.end(failure.getClass().getSimpleName() + " at step " + failure.step());
            kernel.tasks().abortRemaining(failure);
            failure.setup(kernel.faults().describeSetup(scheduler));
            throw failure;
        } catch (RuntimeException | Error e) {
            throwIfEscaped(e);
            throw e;
        } finally {
            kernel.edge().exit(outer);
            running = false;
            kernel.tasks().traceUnpolledWakes();
            kernel.tasks().endRun();
        }
    }

    /**
     * Starts {@code future} as a task named {@code name}, of the current task's host (of no host
     * from outside a task). Called from outside a run, the task first runs at the next
     * {@code blockOn} (or {@code advance}, {@code runUntilIdle} ...); called from inside a task, it
     * joins the run queue and runs when the scheduler picks it, after the current poll.
     *
     * @return the task's handle; awaiting it is optional (a failure nobody awaits fails the run)
     * @throws NullPointerException  if {@code name} or {@code future} is null
     * @throws IllegalStateException after the simulation ended, or from a thread other than the
     *     simulation's
     */
    public <T> JoinHandle<T> spawn(String name, Future<T> future) {
        return kernel.handle().spawn(name, future);
    }

    /**
     * Moves the clock forward by {@code duration}, firing due timers and running the tasks they
     * wake, as tokio-test's {@code time::advance}. For driving futures by hand ({@code MockTask}).
     *
     * A duration past the end of virtual time ({@code Long.MAX_VALUE} nanoseconds) advances to
     * that end, as a {@code Sleep} that long saturates.
     *
     * @throws NullPointerException     if {@code duration} is null
     * @throws IllegalArgumentException if {@code duration} is negative
     * @throws IllegalStateException    from inside a task, or after the simulation ended
     * @throws StepLimitException       if the clock would pass {@code maxVirtualTime} (a timer
     *     past it, or the end of the advance)
     */
    public void advance(Duration duration) {
        Objects.requireNonNull(duration, "advance(duration): duration is null");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("advance(duration) needs a non-negative duration, got " + duration);
        }
        ensureDrivable("advance()");
        long target = Deadlines.after(kernel.timers().nanos(), Deadlines.nonNegativeNanos(duration, "advance"));
        running = true;
        EdgeRun outer = kernel.edge().enter();
        try {
            kernel.loop().runUntilTime(target);
        } finally {
            kernel.edge().exit(outer);
            running = false;
            kernel.tasks().traceUnpolledWakes();
            kernel.tasks().endRun();
        }
    }

    /**
     * A wait in virtual time, as Awaitility's {@code await()}:
     * {@code sim.await().atMost(Duration.ofSeconds(5)).until(() -> cache.size() == 0)} runs the
     * simulation forward until the condition holds, or fails with {@link WaitTimeoutException}.
     * See {@link VirtualWait}.
     */
    public VirtualWait await() {
        return new VirtualWait(this, null);
    }

    /** The same, naming the condition in the timeout's message (Awaitility's {@code await(alias)}). */
    public VirtualWait await(String alias) {
        return new VirtualWait(this, Objects.requireNonNull(alias, "alias"));
    }

    /**
     * Polls every runnable task, and the tasks they wake, until none is runnable, without moving
     * the clock (timers already due fire), as Kotlin's {@code runCurrent} and tokio-test's
     * "run until stalled".
     *
     * @throws IllegalStateException from inside a task, or after the simulation ended
     */
    public void runUntilIdle() {
        drive("runUntilIdle()", kernel.loop()::runRunnable);
    }

    /**
     * Polls one runnable task, chosen as {@code blockOn} would choose it, without moving the clock.
     * ({@link #step()} stays the count of polls made.)
     *
     * @return whether a task was polled; false when nothing is runnable
     * @throws IllegalStateException from inside a task, or after the simulation ended
     */
    public boolean stepOnce() {
        boolean[] polled = new boolean[1];
        drive("stepOnce()", () -> polled[0] = kernel.loop().pollOne());
        return polled[0];
    }

    /**
     * Starts {@code future} as a task on the simulated host {@code host}: the task and every task
     * it spawns belong to that host, so {@link #abortHost} can cancel them together (a crash).
     */
    @SuppressWarnings("unchecked")
    public <T> JoinHandle<T> spawnOnHost(String host, String name, Future<T> future) {
        Objects.requireNonNull(host, "spawnOnHost: host is null");
        Task current = kernel.tasks().current();
        Task t = newTask(name, future, current != null ? current.id : Task.OUTSIDE_PARENT, host);
        return (JoinHandle<T>) t.handle;
    }

    /**
     * Aborts every unfinished task of {@code host} (a crash), in spawn order, cancelling their
     * futures so their registrations are released. Tasks spawned on the host while it unwinds are
     * aborted too, before they run.
     *
     * @return how many tasks were aborted (0 for a host with no unfinished task)
     * @throws NullPointerException if {@code host} is null
     */
    public int abortHost(String host) {
        Objects.requireNonNull(host, "abortHost: host is null");
        return kernel.tasks().abortHost(host);
    }

    /** Aborts every remaining task and ends the simulation; later {@code blockOn}/{@code spawn} throw. */
    public void shutdown() {
        kernel.tasks().abortAll();
        kernel.end("shutdown() at step " + kernel.tasks().step());
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
        if (kernel.services().putIfAbsent(type, service) != null) {
            throw new IllegalStateException("a " + type.getSimpleName() + " is already installed on this simulation");
        }
    }

    /**
     * Registers a simulated network for the network faults of this run's plan ({@code partition},
     * {@code crash}, {@code latency-spike}, {@code datagram-burst}): with any of them on, their
     * times are drawn now and they act on {@code network} as the clock reaches them (see
     * {@link dev.lockstep.fault.FaultKind}). Without them, nothing is drawn. virtual-io's
     * {@code SimNetwork} calls this when it is built.
     */
    public void attachNetwork(dev.lockstep.fault.NetworkFaultTarget network) {
        Objects.requireNonNull(network, "attachNetwork: network is null");
        FaultPlan plan = kernel.faults().plan();
        for (dev.lockstep.fault.FaultKind k : dev.lockstep.fault.FaultKind.values()) {
            if (k.isNetworkFault() && plan.enabled(k)) {
                NetworkNemesis.attach(kernel, plan, network);
                return;
            }
        }
    }

    /** The runtime handle that futures polled here see as {@code cx.runtime()}. */
    @Override
    public RuntimeHandle handle() {
        return kernel.handle();
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
        return kernel.faults().plan();
    }

    /** How this run picks the next task. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** What this run does with code that reaches outside it ({@link EscapePolicy#VIRTUALIZE} by default). */
    public EscapePolicy escapes() {
        return escapes;
    }

    /**
     * The wall clock that rewritten {@code System.currentTimeMillis()}, {@code Instant.now()} and
     * {@code Clock.systemUTC()} read in this run: the builder's epoch plus virtual time.
     */
    public Instant wallClock() {
        return kernel.edge().wallClock();
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

    /**
     * The replay string of this run so far, version 2: its setup (the fault plan as drawn, the
     * scheduler, the limits that differ from the builder's defaults) and the choices drawn after
     * the setup. It reproduces the run with no other setting:
     * {@code Simulation.builder().replay(sim.replayString())}.
     */
    public String replayString() {
        return replay().format();
    }

    /**
     * The label of each choice of {@link #replay()} (aligned with its choices): 0, or for a
     * fault's coin {@link dev.lockstep.fault.FaultKind#tag()}. For shrinkers: switching a fault off
     * and dropping the choices labelled with it leaves every other draw where it was.
     */
    public byte[] replayTags() {
        byte[] all = choices.recordedTags();
        return Arrays.copyOfRange(all, Math.min(setupDraws, all.length), all.length);
    }

    /** {@link #replayString()} as a value: the setup and the choices drawn after it. */
    public Replay replay() {
        int[] all = choices.recorded();
        return new Replay(setup.toReplaySetup(kernel.faults().plan()), Arrays.copyOfRange(all, Math.min(setupDraws, all.length),
                all.length));
    }

    /** Polls made so far. */
    public long step() {
        return kernel.tasks().step();
    }

    /** Virtual nanoseconds since the start. */
    public long nanos() {
        return kernel.timers().nanos();
    }

    /** Number of tasks not yet finished. */
    public int liveTasks() {
        return kernel.tasks().live().size();
    }

    /** Number of timers and events pending. */
    public int pendingTimers() {
        return kernel.timers().size();
    }

    // ---------------------------------------------------------------- the parts, for the package

    /**
     * Spawns a task after checking what a spawn needs: a name, a future, a simulation that has not
     * ended, and the simulation's thread. The task inherits the host of the current task.
     */
    Task newTask(String name, Future<?> future, int parent) {
        return kernel.newTask(name, future, parent);
    }

    Task newTask(String name, Future<?> future, int parent, String host) {
        return kernel.newTask(name, future, parent, host);
    }

    /** The executor: its parts and the state they share. */
    Kernel kernel() {
        return kernel;
    }

    /** Spawn, wake, poll and abort of tasks; the current task and the step counter. */
    TaskLifecycle tasks() {
        return kernel.tasks();
    }

    /** The clock and the pending timers. */
    SimTimers timers() {
        return kernel.timers();
    }

    /** The simulation's thread, and reports of what other threads did. */
    ForeignThreads threads() {
        return kernel.threads();
    }

    /** Task, step, virtual time and replay string, for error messages. */
    String describe() {
        return kernel.describe();
    }

    /** What the kernel asks of this simulation. */
    private final class Host implements Kernel.Host {
        @Override
        public String replayString() {
            return Simulation.this.replayString();
        }

        @Override
        public Optional<String> referenceAfterMove(Object target, Object copy, Task moved) {
            return SelfReferences.referenceAfterMove(Simulation.this, target, copy, moved);
        }

        @Override
        public BlockingRuntime owner() {
            return Simulation.this;
        }
    }

    /**
     * The loop of {@code blockOn}, on this thread until async bodies of the virtual-thread backend
     * show up, then on a virtual thread ({@link VirtualDriver}): the rest of the run moves there
     * between two polls, with the owner check, the watchdog and the edge of the run, and comes back
     * when the root is done or the loop throws.
     */
    private void runRoot(Task root) {
        kernel.loop().runUntil(root);
        if (root.isDone()) {
            return;
        }
        try {
            VirtualDriver.run(() -> {
                kernel.threads().claim();
                kernel.tasks().watchPolls(Thread.currentThread());   // the watchdog follows the loop
                kernel.edge().enter();   // not exited: the thread-local ends with the driver's thread
                kernel.loop().runUntil(root);
            });
        } finally {
            kernel.threads().claim();   // back on the caller's thread, for the end of the run (no more polls)
        }
    }

    /** Runs {@code body} on the loop as {@code advance} does: refused from a task or after the end. */
    private void drive(String what, Runnable body) {
        ensureDrivable(what);
        running = true;
        EdgeRun outer = kernel.edge().enter();
        try {
            body.run();
        } finally {
            kernel.edge().exit(outer);
            running = false;
            kernel.tasks().endRun();
        }
    }

    /** Refuses {@code what} (a call that runs the loop) from inside a task or after the end. */
    void ensureDrivable(String what) {
        if (running) {
            throw new IllegalStateException(what + " called from inside " + kernel.describe()
                    + ": a task cannot drive the simulation; await a future instead");
        }
        ensureNotEnded(what);
    }

    /**
     * Ends the run with its first escape, if code it ran reported one (even if that code caught
     * the {@link EscapeException}); {@code other}, what the run failed with instead, is attached.
     */
    private void throwIfEscaped(Throwable other) {
        EscapeException escape = (EscapeException) kernel.edge().firstEscape();
        if (escape == null || escape == other) {
            return;
        }
        escape.addSuppressed(other);
        kernel.end("EscapeException at step " + escape.step());
        kernel.tasks().abortRemaining(escape);
        throw escape;
    }

    private void ensureNotEnded(String what) {
        kernel.ensureNotEnded(what);
    }

    // ---------------------------------------------------------------- builder

    /** Configures a {@link Simulation}. */
    public static final class Builder {
        /** The default {@link #wallClockEpoch}: 2000-01-01T00:00:00Z. */
        private static final Instant DEFAULT_EPOCH = Instant.parse("2000-01-01T00:00:00Z");
        private long seed;
        private ChoiceSource choices;
        private long maxSteps = RunSetup.DEFAULT_MAX_STEPS;
        private Duration maxVirtualTime = Duration.ofNanos(Long.MAX_VALUE);
        private long livelockSteps;
        /** Which settings were given explicitly: a replay string's setup must agree with them. */
        private boolean faultsExplicit, schedulerExplicit, maxStepsExplicit, maxVirtualTimeExplicit, livelockExplicit;
        /** The replay string given to {@link #replay}, for error messages. */
        private String replayText;
        /** The setup of the source this builder was copied from (checkDeterminism, checkMoves). */
        private dev.lockstep.choice.ReplaySetup inheritedSetup = dev.lockstep.choice.ReplaySetup.none();
        private int traceCapacity = 10_000;
        private Duration pollTimeout;
        private FaultPlan faults = FaultPlan.none();
        private Scheduler scheduler = Scheduler.uniform();
        private EscapePolicy escapes = EscapePolicy.VIRTUALIZE;
        private java.util.function.Consumer<String> pollTimeoutListener;
        private Instant wallClockEpoch = DEFAULT_EPOCH;
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

        /**
         * Calls {@code listener}, on the watchdog's thread, with the report of a poll that overran
         * the {@link #pollTimeout}, and with {@code null} (on the simulation's thread) if that poll
         * returns after all, when the run then fails as usual: for a test harness that must end a
         * test whose poll never returns (a real blocking call the interrupt does not free), such as
         * {@code @SimTest}.
         */
        public Builder onPollTimeout(java.util.function.Consumer<String> listener) {
            this.pollTimeoutListener = Objects.requireNonNull(listener, "onPollTimeout");
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

        /**
         * Replays {@code replay}: a replay string of either version, or {@code @path} to a file
         * holding one. A version-2 string carries its setup (fault plan as drawn, scheduler,
         * limits), which this run uses, so the string alone reproduces its run. A setting given
         * explicitly on this builder must agree with the string's (equal, or for the fault plan and
         * the scheduler a shrink of it: see {@code RunSetup}); otherwise {@link #build()} fails
         * naming both. The same as {@code choices(ChoiceSource.replay(replay))}.
         *
         * @throws IllegalArgumentException if the string is malformed (the message says how)
         */
        public Builder replay(String replay) {
            this.choices = ChoiceSource.replay(replay);
            this.replayText = replay;
            return this;
        }

        /** Fail with {@link StepLimitException} after this many polls. */
        public Builder maxSteps(long maxSteps) {
            if (maxSteps < 1) {
                throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
            }
            this.maxSteps = maxSteps;
            this.maxStepsExplicit = true;
            return this;
        }

        /**
         * Fail with {@link LivelockException} when {@code steps} polls in a row make no progress:
         * the clock stands still, no timer fires, no task is spawned or finishes, no I/O or outside
         * wake arrives, and every poll is of a task that some task (often itself) woke. 0, the
         * default of a bare simulation, switches the check off; {@code @SimTest} uses
         * {@code Property.DEFAULT_LIVELOCK_STEPS}. A run that legitimately spins this long without
         * any of those (a yield loop computing something) needs a larger window or 0.
         */
        public Builder livelockSteps(long steps) {
            if (steps < 0) {
                throw new IllegalArgumentException("livelockSteps must be >= 0 (0: off), got " + steps);
            }
            this.livelockSteps = steps;
            this.livelockExplicit = true;
            return this;
        }

        /**
         * Fail with {@link StepLimitException} when the clock would pass this virtual time. A limit
         * past the end of virtual time ({@code Long.MAX_VALUE} nanoseconds) is no limit, the default.
         */
        public Builder maxVirtualTime(Duration limit) {
            Objects.requireNonNull(limit, "maxVirtualTime");
            if (limit.isNegative()) {
                throw new IllegalArgumentException("maxVirtualTime must not be negative, got " + limit);
            }
            this.maxVirtualTime = limit;
            this.maxVirtualTimeExplicit = true;
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
            this.faultsExplicit = true;
            return this;
        }

        /** Pick the next task with {@code scheduler} ({@link Scheduler#uniform()} by default). */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            this.schedulerExplicit = true;
            return this;
        }

        /**
         * What to do with code that reaches outside the simulation: {@link EscapePolicy#VIRTUALIZE}
         * (the default), {@link EscapePolicy#REPORT} or {@link EscapePolicy#ALLOW}. Takes effect
         * where {@code dev.lockstep:sim-agent} rewrote the call sites; building a simulation whose
         * policy is not {@code ALLOW} attaches the agent if it is on the class path.
         */
        public Builder escapes(EscapePolicy policy) {
            this.escapes = Objects.requireNonNull(policy, "escapes");
            return this;
        }

        /**
         * The wall-clock time at virtual time 0, which rewritten wall-clock reads
         * ({@code System.currentTimeMillis()}, {@code Instant.now()}, {@code LocalDateTime.now()} ...)
         * add virtual time to; {@code 2000-01-01T00:00:00Z} by default.
         */
        public Builder wallClockEpoch(Instant epoch) {
            this.wallClockEpoch = Objects.requireNonNull(epoch, "wallClockEpoch");
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
         *
         * @throws NullPointerException if {@code scenario} is null
         */
        public DeterminismReport checkDeterminism(java.util.function.Consumer<Simulation> scenario) {
            Objects.requireNonNull(scenario, "checkDeterminism: scenario is null");
            return Determinism.check(this, scenario);
        }

        /**
         * Runs {@code scenario} twice on the same choices, first with the {@code relocate} fault
         * moving {@code Unpin} futures (at this builder's probability, or 0.5 if the plan has it
         * off), then with the same relocations drawn but not made, and reports whether the moves
         * changed the result or the trace: a pin-contract violation the reference scan cannot see,
         * such as the test itself reading a pre-move instance.
         *
         * @throws NullPointerException if {@code scenario} is null
         */
        public MoveReport checkMoves(java.util.function.Function<Simulation, ?> scenario) {
            Objects.requireNonNull(scenario, "checkMoves: scenario is null");
            return MoveCheck.check(this, scenario);
        }

        /**
         * Bounded exhaustive search: runs {@code scenario} once on every schedule with at most
         * {@code maxPreemptions} preemptions (and every value of its own draws), in lexicographic
         * order of the choices, until one fails or {@code budget} runs were made. The runs use this
         * builder's settings with {@link Scheduler#bounded(int)} and their own choices (the seed is
         * not used). The preemption bound is the only reduction (no sleep sets, no DPOR); see
         * {@code docs/faults.md} ("Exhaustive search") for when to use it.
         *
         * <h2>Returns</h2>
         * {@code checked all N schedules with <= k preemptions}, a stop at the budget, or the first
         * failure, found at the smallest bound that has one and replayable with its replay string
         * and {@link SearchReport#replayScheduler()}.
         *
         * @throws IllegalArgumentException if {@code maxPreemptions < 0} or {@code budget < 1}
         * @throws NullPointerException     if {@code scenario} is null
         */
        public SearchReport search(int maxPreemptions, long budget, java.util.function.Consumer<Simulation> scenario) {
            Objects.requireNonNull(scenario, "search: scenario is null");
            return ExhaustiveSearch.run(this, maxPreemptions, budget, scenario);
        }

        int traceCapacity() {
            return traceCapacity;
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
            b.inheritedSetup = choices != null && !choices.setup().isEmpty() ? choices.setup() : inheritedSetup;
            b.maxSteps = maxSteps;
            b.maxVirtualTime = maxVirtualTime;
            b.livelockSteps = livelockSteps;
            b.faultsExplicit = faultsExplicit;
            b.schedulerExplicit = schedulerExplicit;
            b.maxStepsExplicit = maxStepsExplicit;
            b.maxVirtualTimeExplicit = maxVirtualTimeExplicit;
            b.livelockExplicit = livelockExplicit;
            b.traceCapacity = capacity;
            b.pollTimeout = pollTimeout;
            b.faults = faults;
            b.scheduler = scheduler;
            b.dryMoves = dryMoves;
            b.escapes = escapes;
            b.pollTimeoutListener = pollTimeoutListener;
            b.wallClockEpoch = wallClockEpoch;
            return b;
        }

        long seed() {
            return seed;
        }

        Scheduler schedulerSetting() {
            return scheduler;
        }

        long maxStepsSetting() {
            return maxSteps;
        }

        long maxVirtualTimeSetting() {
            return Deadlines.nonNegativeNanos(maxVirtualTime, "maxVirtualTime");   // saturated: past the end is no limit
        }

        long livelockStepsSetting() {
            return livelockSteps;
        }

        boolean faultsExplicit() {
            return faultsExplicit;
        }

        boolean schedulerExplicit() {
            return schedulerExplicit;
        }

        boolean maxStepsExplicit() {
            return maxStepsExplicit;
        }

        boolean maxVirtualTimeExplicit() {
            return maxVirtualTimeExplicit;
        }

        boolean livelockStepsExplicit() {
            return livelockExplicit;
        }

        ChoiceSource choicesOrNull() {
            return choices;
        }
    }
}
