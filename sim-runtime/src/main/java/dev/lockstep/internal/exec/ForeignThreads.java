package dev.lockstep.internal.exec;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Which thread a {@code Simulation} belongs to, and what other threads did to it.
 *
 * <p>A simulation is confined to one thread, its <em>owner</em>: the thread that built it, then
 * the one that last called {@code blockOn} (or the {@code dev.lockstep.runtime.VirtualDriver} that runs its loop). The owner may lend it for a strict hand-off (the
 * virtual-thread backend of async bodies runs each body on a virtual thread while the owner
 * waits): the borrower holds the <em>baton</em> and counts as the owner until it passes it back.
 *
 * <h2>Threads</h2>
 * Only the owner may change the simulation. Another thread that reaches into it (wakes a task,
 * completes a future a task awaits) does not change anything: {@link #report} records what it did
 * and where, and the run loop throws the first report as a {@code NondeterminismException} at its
 * next step, since the run can no longer be replayed. {@link #report}, {@link #first} and
 * {@link #isSimulationThread} are safe from any thread; the rest is for the owner.
 *
 * <h2>Determinism</h2>
 * Nothing here is drawn or traced: a run without foreign threads behaves as if this class did not
 * exist, and a run with them fails before its next poll.
 */
public final class ForeignThreads {
    private final Kernel sim;
    /** What other threads did, oldest first; only ever read, never drained, since the first one ends the run. */
    private final ConcurrentLinkedQueue<ForeignWake> reports = new ConcurrentLinkedQueue<>();
    /** The thread that holds the simulation: its owner, or the borrower of the baton. */
    private volatile Thread owner;
    /**
     * Whether the baton once went from a platform thread to a virtual one (a body of the
     * virtual-thread backend): from then on a {@code blockOn} on a platform thread moves its loop
     * to a virtual thread ({@code dev.lockstep.runtime.VirtualDriver}). Only the owner reads or writes it.
     */
    private boolean virtualBodies;

    ForeignThreads(Kernel sim, Thread owner) {
        this.sim = sim;
        this.owner = owner;
    }

    /** Makes the calling thread the owner (at the start of {@code blockOn}). */
    public void claim() {
        owner = Thread.currentThread();
    }

    /** The thread that holds the simulation now. */
    Thread owner() {
        return owner;
    }

    boolean isSimulationThread() {
        return Thread.currentThread() == owner;
    }

    /**
     * Hands the simulation to {@code to} for the duration of a strict hand-off (the generator
     * backend that runs an async body on a virtual thread): while it holds the baton, that thread
     * counts as the simulation's. Returns the previous holder, to restore afterwards.
     */
    Thread passBaton(Thread to) {
        Thread previous = owner;
        if (!virtualBodies && to.isVirtual() && !previous.isVirtual()) {
            virtualBodies = true;
        }
        owner = to;
        return previous;
    }

    /**
     * Whether the loop, run by the owner, should move to a virtual thread: async bodies of the
     * virtual-thread backend took the baton from a platform thread (see {@code dev.lockstep.runtime.VirtualDriver}).
     */
    boolean wantsVirtualDriver() {
        return virtualBodies && !owner.isVirtual();
    }

    /**
     * Records {@code event}, which happened on the calling thread rather than the simulation's;
     * the loop reports it as a {@code NondeterminismException} at its next step. Safe from any thread.
     */
    void report(String event, String detail) {
        String thread = Thread.currentThread().getName();
        reports.add(new ForeignWake(event, detail, thread,
                new Throwable("stack of thread '" + thread + "' where " + event)));
    }

    /** The oldest report, or null if no other thread reached in. */
    ForeignWake first() {
        return reports.peek();
    }

    /**
     * Throws the oldest report as a {@code NondeterminismException}, if there is one: called by the
     * run loop before each step.
     */
    void throwIfReported() {
        ForeignWake w = reports.peek();
        if (w != null) {
            throw nondeterminism(w);
        }
    }

    // Built apart from throwIfReported, which runs at every step of the loop, to keep that method small.
    private RuntimeException nondeterminism(ForeignWake w) {
        return sim.errors().nondeterminism(w.describe() + ", not the simulation's thread '" + owner.getName()
                + "': a real thread reached into the simulation, so this run cannot be replayed. Complete"
                + " futures and run callbacks on the simulation's thread (in a task, through"
                + " sim.scheduledExecutor() or the Interop adapters) so their order is a recorded choice",
                sim.step(), sim.nanos(), sim.replayString(), w.stack());
    }

    /**
     * Something that happened on a thread other than the simulation's (a wake, a completed
     * {@code CompletableFuture}, a call into a virtual executor), kept by {@link ForeignThreads} until
     * the run loop reports it.
     *
     * @param event  what happened, as a clause ({@code "task 'waiter'#0 was woken"})
     * @param detail more about it, or {@code ""}
     * @param thread the name of the thread it happened on
     * @param stack  a throwable created on that thread, whose stack shows where; the cause of the
     *               {@code NondeterminismException} that reports it
     */
    record ForeignWake(String event, String detail, String thread, Throwable stack) {
        /** {@code "<event> on thread '<thread>' (<detail>)"}, without the parentheses when there is no detail. */
        String describe() {
            return event + " on thread '" + thread + "'" + (detail.isEmpty() ? "" : " (" + detail + ")");
        }
    }
}
