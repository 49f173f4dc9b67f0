package dev.lockstep.internal.exec;

import dev.lockstep.internal.edge.CurrentRun;
import dev.lockstep.internal.edge.EdgeRun;
import dev.lockstep.time.VirtualScheduledExecutor;
import dev.lockstep.trace.TraceEvent;
import java.time.Instant;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A simulation's side of the edge: what rewritten call sites see of it while it runs (see
 * {@link EdgeRun}), and the first escape it reported.
 *
 * <h2>State</h2>
 * {@link #running} is true between {@link #enter} and {@link #exit} ({@code blockOn} and
 * {@code advance}); the sets and maps are only looked up, never iterated, so their order never
 * reaches the run. The random root seed is drawn from the choices at the first use, so a run
 * that draws no randomness draws nothing more than without the agent.
 */
public final class SimEdge implements EdgeRun {
    /** splitmix64's increment: successive seeds derived from the root. */
    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    /**
     * The note of a run's first random stream. The root itself is not in it: it is the run's
     * choice at that step, so the replay string already fixes it, and a constant text keeps the
     * note's cost out of every run that draws randomness.
     */
    private static final String SEEDED = "escape virtualized: random streams seeded from the run's choices";

    private final Kernel sim;
    /** The escape policy's name, for messages. */
    private final String policy;
    private final boolean virtualize;
    private final boolean report;
    private final Instant epoch;
    /** The call sites already noted in this run's trace, by key. */
    private final BitSet noted = new BitSet();
    /** Made at the first executor a run asks for: most runs ask for none. */
    private Map<Object, VirtualScheduledExecutor> executors;
    /** How many executors this run made, for their names. */
    private int executorCount;
    private volatile boolean running;
    private boolean seeded;
    private long seed;
    private SplittableRandom shared;
    /** The first escape reported in this run, or null. */
    private volatile RuntimeException first;

    SimEdge(Kernel sim, String policy, boolean virtualize, boolean report, Instant epoch) {
        this.sim = sim;
        this.policy = policy;
        this.virtualize = virtualize;
        this.report = report;
        this.epoch = epoch;
    }

    /** Makes this run the calling thread's, for the duration of a {@code blockOn} or {@code advance}. */
    public EdgeRun enter() {
        running = true;
        return CurrentRun.enter(this);
    }

    public void exit(EdgeRun previous) {
        running = false;
        CurrentRun.exit(this, previous);
    }

    /** The first escape of the run, or null. */
    public RuntimeException firstEscape() {
        return first;
    }

    @Override
    public boolean virtualizes() {
        return virtualize;
    }

    @Override
    public boolean reports() {
        return report;
    }

    @Override
    public long nanos() {
        return sim.nanos();
    }

    @Override
    public Instant wallClock() {
        return epoch.plusNanos(sim.nanos());
    }

    @Override
    public long nextSeed() {
        if (!seeded) {
            seeded = true;
            seed = sim.choices().between(Long.MIN_VALUE, Long.MAX_VALUE);
            sim.trace().add(new TraceEvent.Note(sim.step(), sim.nanos(), currentTaskId(), currentTaskName(),
                    SEEDED));
        }
        seed += GAMMA;
        return mix(seed);
    }

    @Override
    public RandomGenerator random() {
        if (shared == null) {
            shared = new SplittableRandom(nextSeed());
        }
        return shared;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public VirtualScheduledExecutor executor(Object key, String name) {
        if (executors == null) {
            executors = new IdentityHashMap<>();
        }
        VirtualScheduledExecutor e = executors.get(key);
        if (e == null) {
            e = VirtualScheduledExecutor.of(sim.host().owner(), name + "#" + executorCount++);
            executors.put(key, e);
        }
        return e;
    }

    @Override
    public void virtualized(int key, String note) {
        if (!noted.get(key)) {
            noted.set(key);
            sim.trace().add(new TraceEvent.Note(sim.step(), sim.nanos(), currentTaskId(), currentTaskName(), note));
        }
    }

    @Override
    public RuntimeException escape(String call, String site, String why, String fix) {
        String task = sim.tasks().describeCurrent();
        RuntimeException e = sim.errors().escape("escape: " + call + " at " + site + ", called by task " + task
                + " (policy " + policy + "): " + why + ".\n  fix: " + fix + "\n  or let it through with"
                + " Simulation.builder().escapes(EscapePolicy.ALLOW) / @SimTest(escapes = \"allow\"); the run is"
                + " then no longer reproducible", call, site, task, sim.step(), sim.nanos(), sim.replayString());
        if (first == null) {
            first = e;
        }
        return e;
    }

    @Override
    public boolean holdsThisThread() {
        return running && sim.threads().isSimulationThread();
    }

    private int currentTaskId() {
        Task t = sim.tasks().current();
        return t != null ? t.id : -1;
    }

    private String currentTaskName() {
        Task t = sim.tasks().current();
        return t != null ? t.name : "-";
    }
}
