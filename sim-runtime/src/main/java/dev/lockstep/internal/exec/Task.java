package dev.lockstep.internal.exec;

import dev.lockstep.future.Context;
import dev.lockstep.future.Waker;
import dev.lockstep.internal.schedule.Schedulable;
import dev.lockstep.pin.Pin;
import dev.lockstep.trace.TraceEvent;

/**
 * A spawned future and its scheduling state.
 *
 * <p>State machine (one thread, no locks):
 * <pre>
 *   IDLE --wake--> SCHEDULED --picked--> RUNNING --Pending--> IDLE
 *                                           | wake while running: NOTIFIED --Pending--> SCHEDULED
 *                                           +--Ready / throw / abort--> DONE
 * </pre>
 * A wake of a SCHEDULED or NOTIFIED task changes nothing (no double scheduling); a wake of a DONE
 * task is ignored.
 */
public final class Task implements Schedulable {
    /** Waiting for a wake. */
    static final int IDLE = 0;
    /** In the run queue. */
    static final int SCHEDULED = 1;
    /** Being polled. */
    static final int RUNNING = 2;
    /** Being polled, and woken during the poll: rescheduled when the poll returns Pending. */
    static final int NOTIFIED = 3;
    /** Completed, failed or aborted; never polled again. */
    static final int DONE = 4;

    /** The {@link #parent} of the task started by {@code blockOn}. */
    public static final int ROOT_PARENT = -1;
    /** The {@link #parent} of a task spawned from outside any task. */
    public static final int OUTSIDE_PARENT = -2;

    public final int id;
    final String name;
    /** The id of the task that spawned this one, or {@link #ROOT_PARENT} or {@link #OUTSIDE_PARENT}. */
    final int parent;
    /** The simulated host the task runs on ("" when the run has no hosts); children inherit it. */
    final String host;
    /** The pinned future; null once the task is done, so its state can be collected. */
    public Pin<Object> pin;
    int state = IDLE;
    /** The waker of the next poll and the context carrying it; replaced by the fresh-waker fault. */
    Waker waker;
    Context context;
    /** Generation of {@link #waker}: 0 for the original, +1 per fresh waker (see {@link WakerToken}). */
    int wakerGeneration;
    /** Step and generation of the last wake through an older waker, which was ignored; -1: none. */
    long staleWakeStep = -1;
    int staleWakeGeneration;
    public final SimJoinHandle<Object> handle;

    /** Set once DONE. */
    TraceEvent.Outcome outcome;
    Object result;
    Throwable failure;
    /** Step and virtual time at which the task finished. */
    long doneStep;
    long doneNanos;
    /** Whether a JoinHandle poll saw the outcome (a failure seen by nobody fails the run). */
    boolean observed;
    /**
     * Who await the handle (one waker per awaiting task); woken once the task is done. The shared
     * empty list until the first joiner (most tasks have none: 48 bytes a task saved); change it
     * through {@link #addJoinWaker} and {@link #removeJoinWakersIf}.
     */
    public java.util.List<Waker> joinWakers = java.util.List.of();
    /** Abort requested while the task was being polled. */
    boolean abortRequested;

    /** Step and virtual time of the last Pending; -1 before the first poll. */
    long lastPendingStep = -1;
    long lastPendingNanos;
    /** Whether a holder dropped the task's waker since the last poll. */
    boolean wakerDropped;
    long polls;

    Task(Kernel sim, int id, String name, int parent, String host, Pin<Object> pin) {
        this.id = id;
        this.name = name;
        this.parent = parent;
        this.host = host;
        this.pin = pin;
        this.waker = Waker.of(this, sim.taskVTable());
        this.context = new Context(waker, sim.handle());
        this.handle = new SimJoinHandle<>(sim, this);
    }

    /** Adds {@code w} to {@link #joinWakers}. */
    void addJoinWaker(Waker w) {
        if (joinWakers.isEmpty()) {
            joinWakers = new java.util.ArrayList<>(1);
        }
        joinWakers.add(w);
    }

    /** Removes the {@link #joinWakers} that match {@code which}. */
    void removeJoinWakersIf(java.util.function.Predicate<Waker> which) {
        if (!joinWakers.isEmpty()) {
            joinWakers.removeIf(which);
        }
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isDone() {
        return state == DONE;
    }

    @Override
    public String toString() {
        return "'" + name + "'#" + id;
    }
}
