package dev.lockstep.internal.generator;

import dev.lockstep.future.RuntimeHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link Generator} whose body runs on a virtual thread of its own, in strict hand-off with the
 * thread that resumes it: with the run's virtual driver, one of the two pieces of Lockstep that
 * start threads.
 *
 * <p>{@link #resume} passes the runtime's baton to the body's thread, sets the turn to the body,
 * unparks it and parks until the turn comes back; {@link #suspend} (on the body's thread) passes
 * the baton back, sets the turn to the resumer, unparks it and parks until the next
 * {@code resume}; the end of the body does the same, without parking. Only the side that
 * holds the turn runs, so the run stays as deterministic as if the body ran on the resumer's
 * thread: the body's thread does nothing in real time that the simulation could observe.
 *
 * <h2>Cost</h2>
 * Neither side spins. Resumed from a platform thread, each hand-off is an OS-level wake-up of
 * the other thread, which on a busy machine waits for a time slice; a {@code blockOn} therefore
 * moves its loop to a virtual thread once such a body appears, and from there a hand-off is a
 * park and an unpark on one carrier (see {@code dev.lockstep.runtime.VirtualDriver}).
 *
 * <h2>Memory</h2>
 * {@link #turn} is volatile: every write either side makes before handing over the turn happens
 * before the other side reads anything after taking it.
 *
 * <h2>Threads</h2>
 * The virtual thread is started by the first {@code resume} and ends when the body ends. A body
 * that is suspended and never resumed again keeps its thread parked, using no CPU, until the JVM
 * exits (virtual threads are daemons); {@code Async} resumes a cancelled body so that it unwinds
 * and its thread ends.
 */
final class ThreadGenerator implements Generator {
    /** {@link #turn}: the resumer runs, the body is parked (or not started). */
    private static final int RESUMER = 0;
    /** {@link #turn}: the body runs, the resumer is parked. */
    private static final int BODY = 1;

    private final String name;
    private final Runnable body;
    /** Who may run: {@link #RESUMER} or {@link #BODY}. */
    private volatile int turn = RESUMER;
    /** The body's virtual thread; null before the first resume. */
    private Thread thread;
    /** The thread parked in {@link #resume}, waiting for the turn; null between resumes. */
    private Thread resumer;
    /** The runtime whose baton the body holds during a resume, and who held it before. */
    private RuntimeHandle batonRuntime;
    private Thread batonHolder;
    /** Whether the body has ended. */
    private boolean done;
    /** What escaped the body, rethrown by the resume in which it escaped. */
    private Throwable escaped;

    ThreadGenerator(String name, Runnable body) {
        this.name = name;
        this.body = body;
    }

    @Override
    public boolean resume(RuntimeHandle runtime) {
        if (done) {
            throw new IllegalStateException("generator '" + name + "' resumed after its body ended");
        }
        if (resumer != null || Thread.currentThread() == thread) {
            throw new IllegalStateException("generator '" + name + "' resumed while its body is running"
                    + " (from thread '" + Thread.currentThread().getName() + "')");
        }
        if (thread == null) {
            thread = Thread.ofVirtual().name("lockstep-async " + name).unstarted(this::runBody);
        }
        batonHolder = runtime.passBaton(thread);
        batonRuntime = runtime;
        resumer = Thread.currentThread();
        try {
            turn = BODY;
            if (thread.getState() == Thread.State.NEW) {
                thread.start();
            } else {
                LockSupport.unpark(thread);
            }
            awaitTurn(RESUMER);
        } finally {
            resumer = null;
            batonRuntime = null;
            batonHolder = null;
        }
        if (escaped != null) {
            Throwable e = escaped;
            escaped = null;
            throw new IllegalStateException("the body of generator '" + name + "' threw " + e, e);
        }
        return done;
    }

    @Override
    public void suspend() {
        if (Thread.currentThread() != thread || done) {
            throw new IllegalStateException("suspend() of generator '" + name + "' called from thread '"
                    + Thread.currentThread().getName() + "', not from its running body");
        }
        handBack();
        awaitTurn(BODY);
    }

    @Override
    public boolean isDone() {
        return done;
    }

    @Override
    public String backend() {
        return ThreadBackend.NAME;
    }

    /** The body's thread, or null before the first resume: for tests that check it ended. */
    Thread thread() {
        return thread;
    }

    private void runBody() {
        try {
            body.run();
        } catch (Throwable e) {
            escaped = e;
        } finally {
            done = true;
            handBack();
        }
    }

    /**
     * On the body's thread: gives the runtime's baton back to the thread that held it before the
     * resume (the body holds it, so the runtime accepts the call), then the turn to the resumer.
     */
    private void handBack() {
        Thread waiting = resumer;
        try {
            batonRuntime.passBaton(batonHolder);
        } finally {
            turn = RESUMER;
            LockSupport.unpark(waiting);
        }
    }

    /**
     * Parks until {@link #turn} is {@code mine}. Interrupts do not end the wait (the other side
     * holds the turn and will hand it back); one that arrived is restored afterwards.
     */
    private void awaitTurn(int mine) {
        // No spinning: on a busy machine a spin takes the core the other side waits for. When the
        // resumer is a virtual thread too (the run's VirtualDriver), the unpark above queued the
        // other side on this carrier, and parking here lets the carrier run it next.
        boolean interrupted = false;
        while (turn != mine) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ThreadGenerator[" + name + (done ? ", done" : turn == BODY ? ", running" : ", suspended") + "]";
    }
}
