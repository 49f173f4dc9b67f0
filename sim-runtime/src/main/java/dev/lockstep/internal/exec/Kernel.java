package dev.lockstep.internal.exec;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.Future;
import dev.lockstep.future.RawWakerVTable;
import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.internal.schedule.SchedulePolicy;
import dev.lockstep.schedule.Scheduler;
import dev.lockstep.time.BlockingRuntime;
import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceHash;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The executor of one simulation: its parts and the state they share. {@code Simulation} is the
 * public face; it checks the public calls and hands them to the parts held here.
 *
 * <h2>The parts</h2>
 * Each owns its state: {@link TaskLifecycle} (tasks, the current task, the step count),
 * {@link SimTimers} (the clock, timers), {@link RunLoop} (what runs next), {@link ForeignThreads}
 * (the simulation's thread), {@link FaultInjector} (the plan's faults), {@link TaskOutcomes}
 * (results and failures nobody awaited), {@link SimEdge} (what rewritten call sites see).
 *
 * <h2>Construction order</h2>
 * The parts are built in the order that fixes which choices each draws at construction: the fault
 * injector, then the timers' fault draws, then the scheduler's (PCT's change points). A swarm run's
 * plan is drawn by the caller before.
 *
 * <h2>Thread safety</h2>
 * Confined to the simulation's thread, like everything it holds; {@link ForeignThreads} reports
 * uses from other threads.
 */
public final class Kernel {
    /** What the kernel needs of the simulation that owns it. */
    public interface Host {
        /** The run's replay string, as {@code Simulation.replayString()} gives it. */
        String replayString();

        /**
         * Where {@code target} (a future before a move) is still referenced from, after it was
         * moved to {@code copy} in task {@code moved}: a field path, or empty.
         */
        Optional<String> referenceAfterMove(Object target, Object copy, Task moved);

        /** The simulation itself, as the blocking runtime a virtual executor runs on. */
        BlockingRuntime owner();
    }

    private final Host host;
    private final Errors errors;
    private final ChoiceSource choices;
    private final Trace trace;
    private final SimHandle handle;
    private final RawWakerVTable taskVTable;
    private final TaskOutcomes outcomes;
    private final Map<Class<?>, Object> services = new LinkedHashMap<>();
    private final ForeignThreads threads;
    private final SimTimers timers;
    private final FaultInjector faults;
    private final TaskLifecycle tasks;
    private final RunLoop loop;
    private final SimEdge edge;
    private final Consumer<String> pollTimeoutListener;
    /** Why the simulation ended, or null while it may still run. */
    private String endedBecause;

    /**
     * The parts of one run.
     *
     * @param owner the thread that builds the simulation: its thread until a {@code blockOn} claims it
     * @param escapePolicy the escape policy's name, for messages; {@code virtualize} and
     *        {@code report} say what it does
     */
    public Kernel(Host host, Errors errors, ChoiceSource choices, Trace trace, Thread owner, long maxVirtualNanos,
            FaultPlan plan, boolean dryMoves, Scheduler scheduler, Duration pollTimeout, long maxSteps,
            long livelockSteps, String escapePolicy, boolean virtualize, boolean report, Instant wallClockEpoch,
            Consumer<String> pollTimeoutListener) {
        this.host = Objects.requireNonNull(host, "host");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.choices = choices;
        this.trace = trace;
        this.handle = new SimHandle(this);
        this.outcomes = new TaskOutcomes(this);
        this.threads = new ForeignThreads(this, owner);
        this.timers = new SimTimers(this, trace, maxVirtualNanos);
        this.faults = new FaultInjector(this, plan, dryMoves);
        timers.injectFaults(plan);
        SchedulePolicy<Task> policy = SchedulePolicy.of(scheduler, handle, trace);
        this.tasks = new TaskLifecycle(this, trace, timers, threads, faults, outcomes, pollTimeout);
        this.taskVTable = TaskWakers.vtable(this, tasks);
        this.loop = new RunLoop(this, trace, tasks, timers, threads, faults, policy, maxSteps, livelockSteps);
        this.edge = new SimEdge(this, escapePolicy, virtualize, report, wallClockEpoch);
        this.pollTimeoutListener = pollTimeoutListener;
    }

    /** A new task of the current task's host (or of no host), checked as {@code spawn} is. */
    public Task newTask(String name, Future<?> future, int parent) {
        Task current = tasks.current();
        return newTask(name, future, parent, current != null ? current.host : "");
    }

    /** A new task on {@code host}, checked as {@code spawn} is: named, on the simulation's thread, before the end. */
    public Task newTask(String name, Future<?> future, int parent, String host) {
        Objects.requireNonNull(name, "spawn(name, future): name is null");
        Objects.requireNonNull(future, "spawn(\"" + name + "\", future): future is null");
        ensureNotEnded("spawn(\"" + name + "\")");
        if (!threads.isSimulationThread()) {
            throw new IllegalStateException("spawn(\"" + name + "\") called from thread '"
                    + Thread.currentThread().getName() + "', not the simulation's thread '"
                    + threads.owner().getName() + "' (" + where() + ")");
        }
        return tasks.spawn(name, future, parent, host);
    }

    /** Throws {@link IllegalStateException} naming {@code what} if the simulation has ended. */
    public void ensureNotEnded(String what) {
        if (endedBecause != null) {
            throw new IllegalStateException(what + " after the simulation ended (" + endedBecause + ", " + where()
                    + "); build a new Simulation for a new run");
        }
    }

    /** Ends the simulation for {@code because}, unless it ended already. */
    public void end(String because) {
        if (endedBecause == null) {
            endedBecause = because;
        }
    }

    /** Where the run is, for messages of calls made outside a task: step, virtual time and replay string. */
    public String where() {
        return "at step " + tasks.step() + ", t=" + TraceHash.time(timers.nanos()) + ", replay " + replayString();
    }

    /** Where the run is, for messages: the current task, step, virtual time and replay string. */
    public String describe() {
        return "task " + tasks.describeCurrent() + " at step " + tasks.step() + ", t=" + TraceHash.time(timers.nanos())
                + ", replay " + replayString();
    }

    public String replayString() {
        return host.replayString();
    }

    public long step() {
        return tasks.step();
    }

    public long nanos() {
        return timers.nanos();
    }

    public Host host() {
        return host;
    }

    public Errors errors() {
        return errors;
    }

    public ChoiceSource choices() {
        return choices;
    }

    public Trace trace() {
        return trace;
    }

    public RuntimeHandle handle() {
        return handle;
    }

    public RawWakerVTable taskVTable() {
        return taskVTable;
    }

    public TaskOutcomes outcomes() {
        return outcomes;
    }

    public Map<Class<?>, Object> services() {
        return services;
    }

    public ForeignThreads threads() {
        return threads;
    }

    public SimTimers timers() {
        return timers;
    }

    public FaultInjector faults() {
        return faults;
    }

    public TaskLifecycle tasks() {
        return tasks;
    }

    public RunLoop loop() {
        return loop;
    }

    public SimEdge edge() {
        return edge;
    }

    public Consumer<String> pollTimeoutListener() {
        return pollTimeoutListener;
    }
}
