package dev.lockstep.internal.exec;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import dev.lockstep.internal.schedule.RunQueue;
import dev.lockstep.pin.Pin;
import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;
import dev.lockstep.trace.TraceHash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every transition of a simulation's tasks through the state machine documented on {@link Task}:
 * spawn, wake, poll, abort and finish, each with its trace event, and the step counter that the
 * polls advance.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>{@link #live()} holds exactly the tasks not yet {@code DONE}, in spawn order.
 *   <li>A task is in the run queue only while {@code SCHEDULED}, and then once; a wake of a
 *       {@code SCHEDULED} or {@code NOTIFIED} task queues nothing, a wake of a {@code DONE} one is
 *       ignored. (The run loop takes a task off the queue to poll it, so a picked task is briefly
 *       {@code SCHEDULED} and unqueued.)
 *   <li>{@link #current()} is the task being polled, or being cancelled, or credited by
 *       {@link #runAs}; null between polls.
 *   <li>{@link #step()} counts the polls made, including those that threw. Every event is
 *       stamped with it, so a poll's {@code Polled} event shares its step with the events traced
 *       during the poll and since the previous one.
 * </ul>
 *
 * <h2>Wakes</h2>
 * A wake is traced with the task that made it (the task being polled, or the finished task whose
 * joiners it wakes) and its source: {@code "task"} during a poll, else the label set by
 * {@link #labelWakes} ({@code "timer"}, {@code "event"}), {@code "join"} from a finished task, or
 * {@code "external"}. A wake from another thread changes nothing: it is reported to
 * {@link ForeignThreads}.
 *
 * <h2>Errors</h2>
 * A future that throws from {@code poll} (or from {@code cancel}, when aborted) fails its task; a
 * failed spawned task goes to {@link TaskOutcomes}. A poll that outlived {@code pollTimeout} fails
 * the run with {@code StepLimitException} when it returns.
 *
 * <p>Single-threaded, except {@link #pollSerial()} and {@link #inPoll()}, which the
 * {@link Watchdog} thread samples.
 */
public final class TaskLifecycle {
    private final Kernel sim;
    private final Trace trace;
    private final SimTimers timers;
    private final ForeignThreads threads;
    private final FaultInjector faults;
    private final TaskOutcomes outcomes;
    private final RunQueue<Task> runQueue = new RunQueue<>();
    /** Tasks not yet done, in spawn order. */
    private final LinkedHashSet<Task> live = new LinkedHashSet<>();
    /** See {@link #progress()}. */
    private long progress;
    /** Set with {@code Builder.pollTimeout}: polls are watched in real time; null when off. */
    private final Duration pollTimeout;
    /** Incremented at the start of every poll, read by the watchdog thread. */
    private volatile long pollSerial;
    private volatile boolean inPoll;
    /** The watchdog of the running {@code blockOn}; null when polls are not watched. */
    private Watchdog watchdog;
    private int nextTaskId;
    private long step;
    private Task current;
    /** How wakes outside a poll are labelled in the trace: "timer", "event" or "external". */
    private String wakeSource = "external";
    /** The task credited with wakes made between polls (a finished task waking its joiner), or -1. */
    private int wakeByTask = -1;

    TaskLifecycle(Kernel sim, Trace trace, SimTimers timers, ForeignThreads threads, FaultInjector faults,
            TaskOutcomes outcomes, Duration pollTimeout) {
        this.sim = sim;
        this.trace = trace;
        this.timers = timers;
        this.threads = threads;
        this.faults = faults;
        this.outcomes = outcomes;
        this.pollTimeout = pollTimeout;
    }

    /**
     * A count of what the livelock check calls progress: spawns, finishes, wakes from outside
     * the tasks (timers, events, I/O, other code) and clock moves ({@link #noteProgress}).
     */
    long progress() {
        return progress;
    }

    /** Counts one unit of progress made outside this class (the clock moved). */
    void noteProgress() {
        progress++;
    }

    // ---------------------------------------------------------------- transitions

    /** A new task, {@code SCHEDULED}: it first runs at the next step of the run loop. */
    Task spawn(String name, Future<?> future, int parent, String host) {
        @SuppressWarnings("unchecked")
        Pin<Object> pin = Pin.of((Future<Object>) future, faults.checksMoves());
        Task t = new Task(sim, nextTaskId++, name, parent, host, pin);
        live.add(t);
        progress++;
        trace.add(new TraceEvent.Spawned(step, timers.nanos(), t.id, t.name, parent, host));
        t.state = Task.SCHEDULED;
        runQueue.add(t);
        return t;
    }

    /**
     * Polls {@code t}, which the run loop took off the run queue: it finishes, waits ({@code IDLE}),
     * or goes back on the queue if it was woken during the poll.
     */
    void poll(Task t) {
        current = t;
        t.state = Task.RUNNING;
        t.wakerDropped = false;
        t.polls++;
        long thisStep = step;
        Poll<Object> result;
        if (pollTimeout != null) {
            pollSerial++;
            inPoll = true;
        }
        try {
            result = t.pin.poll(t.context);
            if (result == null) {
                throw nullPoll(t, thisStep);
            }
        } catch (Throwable e) {
            current = null;
            step++;
            checkWatchdog();
            trace.add(new TraceEvent.Polled(thisStep, timers.nanos(), t.id, t.name, true));
            faults.afterPoll(t);
            finish(t, TraceEvent.Outcome.FAILED, null, e);
            return;
        }
        current = null;
        step++;
        checkWatchdog();
        long now = timers.nanos();
        boolean ready = result.isReady();
        trace.add(new TraceEvent.Polled(thisStep, now, t.id, t.name, ready));
        faults.afterPoll(t);
        if (ready) {
            faults.afterReady(t);
            finish(t, TraceEvent.Outcome.OK, result.value(), null);
            return;
        }
        t.lastPendingStep = thisStep;
        t.lastPendingNanos = now;
        if (t.abortRequested) {
            abort(t);
        } else if (t.state == Task.NOTIFIED) {
            t.state = Task.SCHEDULED;
            runQueue.add(t);
        } else {
            t.state = Task.IDLE;
        }
    }

    /**
     * Wakes {@code t}: schedules it if it waits, marks it {@code NOTIFIED} if it is being polled.
     * {@code how} is the trace's source label, or null to derive it (see the class comment);
     * {@code "fault"} marks a wake the fault injector delivers, which it does not hold again.
     */
    void wake(Task t, String how) {
        if (!threads.isSimulationThread()) {
            threads.report("task " + t + " was woken", "");
            return;
        }
        if (faults.holdWake(t, how)) {
            return;
        }
        String source = how != null ? how : current != null ? "task" : wakeSource;
        if (current == null && !"fault".equals(source) && !"task".equals(source)) {
            progress++; // a timer, an event, I/O or the outside world woke it
        }
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
        trace.add(new TraceEvent.Woken(step, timers.nanos(), t.id, t.name, by, source, scheduled));
        faults.afterWake(t, how, scheduled);
    }

    /**
     * Aborts {@code t}: its future's {@code cancel()} runs (as {@code t}, so what it releases is
     * credited to it) and the task finishes {@code ABORTED}, or {@code FAILED} if cancel threw. A
     * task aborting itself is aborted when its poll returns; a finished task is left alone.
     */
    void abort(Task t) {
        if (t.isDone()) {
            return;
        }
        if (t == current) {
            t.abortRequested = true;
            return;
        }
        boolean wasQueued = t.state == Task.SCHEDULED;
        if (wasQueued) {
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
        // Queued now only if it waited and its own cancel woke it: skip the queue scan otherwise,
        // which made aborting n runnable tasks cost O(n^2).
        boolean queued = !wasQueued && t.state == Task.SCHEDULED;
        if (cancelFailure != null) {
            finish(t, TraceEvent.Outcome.FAILED, null, cancelFailure, queued);
        } else {
            finish(t, TraceEvent.Outcome.ABORTED, null, null, queued);
        }
    }

    /**
     * Aborts every unfinished task of {@code host}, in spawn order, and returns how many. A task
     * spawned on the host while its tasks unwind (from a {@code finally} block) is aborted too,
     * before it ever runs.
     */
    public int abortHost(String host) {
        int n = 0;
        boolean more = true;
        while (more) {
            more = false;
            for (Task t : new ArrayList<>(live)) {
                if (t.host.equals(host) && !t.isDone() && t != current) {
                    abort(t);
                    n++;
                    more = true;
                }
            }
        }
        if (current != null && current.host.equals(host) && !current.isDone()) {
            abort(current); // a task crashing its own host: aborted when its poll returns
            n++;
        }
        return n;
    }

    /** Aborts every unfinished task, in spawn order. */
    public void abortAll() {
        for (Task t : new ArrayList<>(live)) {
            abort(t);
        }
    }

    /**
     * After a failed run, aborts every task still alive so that it releases what it holds (an
     * async body's generator, timers, sockets). A cancel that throws is attached to the failure,
     * and so is every task failure nobody awaited.
     */
    public void abortRemaining(RuntimeException failure) {
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

    /** Finishes {@code t} from its own poll, which took it off the run queue. */
    private void finish(Task t, TraceEvent.Outcome outcome, Object value, Throwable failure) {
        finish(t, outcome, value, failure, false);
    }

    /** Finishes {@code t}; {@code maybeQueued}: it may still be in the run queue (a queue scan). */
    private void finish(Task t, TraceEvent.Outcome outcome, Object value, Throwable failure, boolean maybeQueued) {
        progress++;
        t.state = Task.DONE;
        t.outcome = outcome;
        t.result = value;
        t.failure = failure;
        long now = timers.nanos();
        t.doneStep = step;
        t.doneNanos = now;
        t.pin = null;
        live.remove(t);
        if (maybeQueued) {
            runQueue.remove(t);
        }
        trace.add(new TraceEvent.Completed(step, now, t.id, t.name, outcome,
                failure == null ? "" : failure.toString()));
        if (outcome == TraceEvent.Outcome.FAILED && t.parent != Task.ROOT_PARENT) {
            outcomes.failed(t);
        }
        if (!t.joinWakers.isEmpty()) {
            List<Waker> joiners = t.joinWakers;
            t.joinWakers = List.of();
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

    // ---------------------------------------------------------------- context of the current step

    /** Labels the wakes made from now until the next label, outside polls: "timer", "event" or "external". */
    void labelWakes(String source) {
        wakeSource = source;
    }

    /** Runs {@code body} as if polling {@code t} (spawns and timers are credited to it). */
    <R> R runAs(Task t, Supplier<R> body) {
        Task saved = current;
        current = t;
        try {
            return body.get();
        } finally {
            current = saved;
        }
    }

    /** The task being polled (or cancelled), or null. */
    public Task current() {
        return current;
    }

    /** The current task as {@code 'name'#id}, or {@code "-"}: for messages. */
    public String describeCurrent() {
        return current != null ? current.toString() : "-";
    }

    /** Polls made so far. */
    public long step() {
        return step;
    }

    /** The tasks not yet done, in spawn order (live view). */
    public Collection<Task> live() {
        return live;
    }

    /** The runnable tasks, which the run loop picks from. */
    RunQueue<Task> runQueue() {
        return runQueue;
    }

    // ---------------------------------------------------------------- watched polls

    /**
     * With a poll timeout set, starts watching the polls that {@code simThread} makes; while
     * watching already, watches {@code simThread} from now on (the run moved to another thread).
     */
    public void watchPolls(Thread simThread) {
        if (watchdog != null) {
            watchdog.watch(simThread);
        } else if (pollTimeout != null) {
            watchdog = new Watchdog(this, simThread, pollTimeout, System.err, sim.pollTimeoutListener());
        }
    }

    /**
     * At the end of {@code blockOn} or {@code advance}: no task is current any more, and the
     * watchdog, if any, stops (an interrupt it may have sent is cleared).
     */
    public void endRun() {
        current = null;
        if (watchdog != null) {
            watchdog.close();
            watchdog = null;
            Thread.interrupted(); // clear an interrupt the watchdog may have sent
        }
    }

    long pollSerial() {
        return pollSerial;
    }

    boolean inPoll() {
        return inPoll;
    }

    /** A future returned null from poll: the task fails with a message that names where. */
    private IllegalStateException nullPoll(Task t, long thisStep) {
        Object f = t.pin.get();
        return new IllegalStateException("poll of task " + t + " returned null instead of a Poll (its future: "
                + (f == null ? "?" : f.getClass().getName()) + "): a future returns Poll.ready(value) or"
                + " Poll.pending(), never null; at step " + thisStep + ", t=" + TraceHash.time(timers.nanos())
                + ", replay " + sim.replayString());
    }

    private void checkWatchdog() {
        if (pollTimeout == null) {
            return;
        }
        inPoll = false;
        String report = watchdog != null ? watchdog.report() : null;
        if (report != null) {
            throw sim.errors().stepLimit("poll timeout: " + report, step, timers.nanos(), sim.replayString());
        }
    }
}
