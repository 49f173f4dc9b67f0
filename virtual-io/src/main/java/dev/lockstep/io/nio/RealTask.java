package dev.lockstep.io.nio;

import dev.lockstep.future.Context;
import dev.lockstep.future.RawWakerVTable;
import dev.lockstep.future.Waker;
import dev.lockstep.pin.Pin;
import dev.lockstep.trace.TraceEvent;

/**
 * A task of a {@link RealRuntime}: its pinned future and scheduling state.
 *
 * <p>The same state machine as a simulation's tasks:
 * <pre>
 *   IDLE --wake--> SCHEDULED --picked--> RUNNING --Pending--> IDLE
 *                                           | wake while running: NOTIFIED --Pending--> SCHEDULED
 *                                           +--Ready / throw / abort--> DONE
 * </pre>
 * A wake of a SCHEDULED or NOTIFIED task changes nothing; a wake of a DONE task is ignored.
 */
final class RealTask {
    /** Waiting for a wake. */
    static final int IDLE = 0;
    /** In the run queue. */
    static final int SCHEDULED = 1;
    /** Being polled. */
    static final int RUNNING = 2;
    /** Being polled, and woken during the poll. */
    static final int NOTIFIED = 3;
    /** Completed, failed or aborted. */
    static final int DONE = 4;

    final int id;
    final String name;
    /** The pinned future; null once done. */
    Pin<Object> pin;
    int state = IDLE;
    final Waker waker;
    final Context context;
    final RealJoinHandle<Object> handle;

    /** Set once DONE. */
    TraceEvent.Outcome outcome;
    Object result;
    Throwable failure;
    long doneStep;
    long doneNanos;
    /** Whether a JoinHandle poll saw the outcome. */
    boolean observed;
    /** Who awaits the handle; woken once the task is done. */
    Waker joinWaker;
    /** Abort requested while the task was being polled. */
    boolean abortRequested;
    /** Whether blockOn started it (its failure is thrown by blockOn, not reported as unobserved). */
    final boolean root;

    RealTask(RealRuntime rt, int id, String name, Pin<Object> pin, RawWakerVTable vtable, boolean root) {
        this.id = id;
        this.name = name;
        this.pin = pin;
        this.root = root;
        this.waker = Waker.of(this, vtable);
        this.context = new Context(waker, rt);
        this.handle = new RealJoinHandle<>(rt, this);
    }

    boolean isDone() {
        return state == DONE;
    }

    @Override
    public String toString() {
        return "'" + name + "'#" + id;
    }
}
