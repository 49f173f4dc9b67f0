package dev.lockstep.internal.edge;

/**
 * The simulation running on the calling thread, for rewritten call sites.
 *
 * <h2>Ambient state</h2>
 * Besides the executor's current task, this is Lockstep's one piece of ambient state: an
 * inheritable thread-local set by {@code Simulation.blockOn} and {@code advance} for their
 * duration and restored when they return. It is inheritable so that the virtual thread of an
 * async body, created during a poll, finds its simulation; {@link #get()} answers only while that
 * run is running and the calling thread holds its baton, so a thread that merely inherited the
 * value (a pool thread started from a task) behaves as outside any simulation.
 *
 * <h2>The latest run</h2>
 * A rewritten call is on the hot path of the code under test, so {@link #get()} first tries the
 * run entered last on any thread, in one static field, and looks up the thread-local only when
 * that run is not this thread's. This is exact, not a guess: the latest run is always the
 * innermost run of the thread that entered it (a thread that enters another run makes that one
 * the latest, and {@link #exit} clears it), so if it holds this thread it is this thread's run.
 * With simulations on several threads at once the field changes hands and the lookup falls back
 * to the thread-local; nothing else changes.
 *
 * <h2>Threads</h2>
 * Safe from any thread; each thread sees only its own run.
 */
public final class CurrentRun {
    private static final InheritableThreadLocal<EdgeRun> RUN = new InheritableThreadLocal<>();
    /**
     * The run entered last on any thread and not exited since, or null. A plain field on purpose:
     * it is written twice a run, and a volatile write there would cost every run a fence. A racy
     * read is harmless: a thread always sees its own writes, a value written by another thread
     * names a run that does not hold this thread (which {@code holdsThisThread()} answers from
     * final and volatile fields), and a stale null only sends the lookup to the thread-local.
     */
    private static EdgeRun latest;

    private CurrentRun() {
    }

    /** The simulation running on this thread, or null when there is none (behave as without Lockstep). */
    public static EdgeRun get() {
        EdgeRun run = latest;
        if (run != null && run.holdsThisThread()) {
            return run;
        }
        run = RUN.get();
        return run != null && run.holdsThisThread() ? run : null;
    }

    /**
     * Makes {@code run} the calling thread's simulation.
     *
     * @return the value it replaces, to give back to {@link #exit}
     */
    public static EdgeRun enter(EdgeRun run) {
        EdgeRun previous = RUN.get();
        RUN.set(run);
        latest = run;
        return previous;
    }

    /**
     * Ends {@code run} on the calling thread and restores what {@link #enter} replaced. The latest
     * run is cleared, not set to {@code previous}: a value this thread merely inherited must never
     * become the latest.
     */
    public static void exit(EdgeRun run, EdgeRun previous) {
        if (latest == run) {
            latest = null;
        }
        if (previous == null) {
            RUN.remove();
        } else {
            RUN.set(previous);
        }
    }
}
