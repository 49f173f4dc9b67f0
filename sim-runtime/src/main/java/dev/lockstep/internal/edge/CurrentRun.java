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
 * <h2>Threads</h2>
 * Safe from any thread; each thread sees only its own value.
 */
public final class CurrentRun {
    private static final InheritableThreadLocal<EdgeRun> RUN = new InheritableThreadLocal<>();

    private CurrentRun() {
    }

    /** The simulation running on this thread, or null when there is none (behave as without Lockstep). */
    public static EdgeRun get() {
        EdgeRun run = RUN.get();
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
        return previous;
    }

    /** Restores what {@link #enter} replaced. */
    public static void exit(EdgeRun previous) {
        if (previous == null) {
            RUN.remove();
        } else {
            RUN.set(previous);
        }
    }
}
