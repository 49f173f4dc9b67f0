package dev.lockstep.internal.edge;

import dev.lockstep.time.VirtualScheduledExecutor;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * What a rewritten call site may ask of the simulation running on its thread: the one it got
 * from {@link CurrentRun#get()}.
 *
 * <h2>Threads</h2>
 * Every method is called on the simulation's thread (its owner, or the thread of an async body
 * holding the baton), which {@link CurrentRun#get()} has checked.
 *
 * <h2>Determinism</h2>
 * This package imports no Lockstep package above {@code future} and {@code time}, so that the
 * runtime, the async bodies and the interop adapters can all depend on it.
 *
 * <p>Seeds come from the run's choices, times from its clock, executors are simulation tasks, and
 * each call site is noted in the trace once ({@link #virtualized}), in the order the run reaches
 * them; nothing here reads real time or identity hash codes.
 */
public interface EdgeRun {

    /**
     * Whether a call with a faithful virtual equivalent uses it ({@code EscapePolicy.VIRTUALIZE}).
     * Neither this nor {@link #reports()}: {@code ALLOW}.
     */
    boolean virtualizes();

    /** Whether an escape that is not virtualized is reported ({@code VIRTUALIZE} and {@code REPORT}). */
    boolean reports();

    /** Virtual nanoseconds since the start of the run: {@code System.nanoTime()} in a simulation. */
    long nanos();

    /** The simulation's wall clock: its epoch (by default 2000-01-01T00:00:00Z) plus virtual time. */
    Instant wallClock();

    /**
     * A seed for a new random stream: the first call of a run draws a root from the run's choices,
     * later calls derive the next seed from it, so every stream replays with the run.
     */
    long nextSeed();

    /**
     * The run's shared random stream, for calls without a stream of their own
     * ({@code Math.random()}, {@code ThreadLocalRandom}, {@code Collections.shuffle(list)}); seeded
     * with {@link #nextSeed()} at its first use.
     */
    RandomGenerator random();

    /**
     * The virtual-time executor of this run that stands for the real executor {@code key} (one per
     * key and run, made at its first use and named {@code name}), whose tasks are simulation tasks.
     */
    VirtualScheduledExecutor executor(Object key, String name);

    /**
     * Notes in the trace that a call was virtualized at a call site, once per site and run.
     *
     * @param key  identifies the call site within this JVM (only compared, never traced)
     * @param note the note's text, {@code escape virtualized: <call> at <class.method(File.java:line)>};
     *             one string per site, so that its hash code is computed once
     */
    void virtualized(int key, String note);

    /**
     * The escape report for {@code call} at {@code site}, an {@code EscapeException}: what it is,
     * where, the task, step, virtual time, replay string and the fix. The first one of a run is
     * remembered, so {@code blockOn} fails with it even if the caller swallows it.
     *
     * @param why what the call would do that the simulation cannot allow
     * @param fix what to write instead
     */
    RuntimeException escape(String call, String site, String why, String fix);

    /** Whether this run is running now and the calling thread is its simulation thread. */
    boolean holdsThisThread();
}
