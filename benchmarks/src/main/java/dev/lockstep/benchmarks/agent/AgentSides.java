package dev.lockstep.benchmarks.agent;

import dev.lockstep.agent.LockstepAgent;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.trace.TraceEvent;

/**
 * The two sides of the agent's row: {@code com.example.metered.MeteredPingPong} loaded twice in
 * this JVM, with the agent attached, by two {@link CopyLoader}s over the same class files. The
 * agent rewrites the copy of {@value #REWRITTEN_LOADER} as it rewrites any application class; the
 * copy of {@value #UNTOUCHED_LOADER} is left as compiled, because that loader's name is in
 * {@code -Dlockstep.agent.excludeLoaders} ({@link #excludeUntouchedLoader()}). So the two sides
 * run the same bytes, the same scenario and the same simulations; only the rewriting differs.
 *
 * <h2>Checked, not assumed</h2>
 * {@link #load()} proves each side is what it claims before anything is timed: in the rewritten
 * copy, {@code System.nanoTime()} after a virtual hour of sleep reads exactly one virtual hour
 * and a run's trace notes the virtualized call sites; in the untouched copy, it reads the real
 * clock and the trace notes nothing. Otherwise it throws, so the row cannot measure the same
 * thing twice.
 */
public final class AgentSides {
    /** The loader whose copy the agent rewrites. */
    public static final String REWRITTEN_LOADER = "lockstep-bench-rewritten";
    /** The loader whose copy the agent leaves alone (named in {@code lockstep.agent.excludeLoaders}). */
    public static final String UNTOUCHED_LOADER = "lockstep-bench-untouched";
    /** The system property the agent reads, once, when it is installed. */
    static final String EXCLUDE_LOADERS = "lockstep.agent.excludeLoaders";
    static final String PACKAGE = "com.example.metered.";
    static final String WORKLOAD = PACKAGE + "MeteredPingPong";
    static final long ONE_HOUR_NANOS = 3_600_000_000_000L;
    private static final String NOTE = "escape virtualized: ";

    private final AgentWorkload rewritten;
    private final AgentWorkload untouched;

    private AgentSides(AgentWorkload rewritten, AgentWorkload untouched) {
        this.rewritten = rewritten;
        this.untouched = untouched;
    }

    /**
     * Adds {@value #UNTOUCHED_LOADER} to {@code -Dlockstep.agent.excludeLoaders}. The agent reads
     * the property when it is installed, which is when the first simulation of the JVM is built;
     * so call this before any.
     */
    public static void excludeUntouchedLoader() {
        String listed = System.getProperty(EXCLUDE_LOADERS, "");
        if (!(',' + listed + ',').contains(',' + UNTOUCHED_LOADER + ',')) {
            System.setProperty(EXCLUDE_LOADERS, listed.isBlank() ? UNTOUCHED_LOADER : listed + "," + UNTOUCHED_LOADER);
        }
    }

    /**
     * Attaches the agent (if it is not yet), loads both copies and checks them.
     *
     * @throws IllegalStateException if the agent cannot attach, or a copy is not what it claims
     */
    public static AgentSides load() {
        String how = LockstepAgent.attach();
        if (!LockstepAgent.isAttached()) {
            throw new IllegalStateException("the agent's row needs the agent, which did not attach: " + how);
        }
        ClassLoader parent = AgentSides.class.getClassLoader();
        AgentSides sides = new AgentSides(instance(new CopyLoader(REWRITTEN_LOADER, PACKAGE, parent)),
                instance(new CopyLoader(UNTOUCHED_LOADER, PACKAGE, parent)));
        sides.check();
        return sides;
    }

    /** The copy the agent rewrote (A). */
    public AgentWorkload rewritten() {
        return rewritten;
    }

    /** The copy it left alone (B). */
    public AgentWorkload untouched() {
        return untouched;
    }

    /** How many call sites a run of {@code w} noted as virtualized in its trace. */
    public static long virtualizedNotes(AgentWorkload w, long seed) {
        Simulation sim = w.run(seed);
        return sim.trace().events().stream()
                .filter(e -> e instanceof TraceEvent.Note n && n.text().startsWith(NOTE)).count();
    }

    private void check() {
        long a = rewritten.nanoTimeAfterOneVirtualHour();
        if (a != ONE_HOUR_NANOS) {
            throw new IllegalStateException("the copy of " + REWRITTEN_LOADER + " is not rewritten: System.nanoTime()"
                    + " after a virtual hour read " + a + ", not " + ONE_HOUR_NANOS);
        }
        if (virtualizedNotes(rewritten, 1) == 0) {
            throw new IllegalStateException("the copy of " + REWRITTEN_LOADER + " is not rewritten: its run's trace"
                    + " notes no virtualized call site");
        }
        long b = untouched.nanoTimeAfterOneVirtualHour();
        long notes = virtualizedNotes(untouched, 1);
        if (b == ONE_HOUR_NANOS || notes != 0) {
            throw new IllegalStateException("the copy of " + UNTOUCHED_LOADER + " is rewritten (System.nanoTime() after"
                    + " a virtual hour read " + b + ", " + notes + " virtualized sites noted): the agent was installed"
                    + " without -D" + EXCLUDE_LOADERS + "=" + UNTOUCHED_LOADER + "; call"
                    + " AgentSides.excludeUntouchedLoader() before the JVM's first simulation");
        }
        if (rewritten.getClass() == untouched.getClass()) {
            throw new IllegalStateException("both sides are one class: " + rewritten.getClass());
        }
    }

    private static AgentWorkload instance(ClassLoader loader) {
        try {
            Class<?> c = Class.forName(WORKLOAD, true, loader);
            if (c.getClassLoader() != loader) {
                throw new IllegalStateException(WORKLOAD + " came from " + c.getClassLoader() + ", not " + loader);
            }
            return (AgentWorkload) c.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not load " + WORKLOAD + " in " + loader.getName() + ": " + e, e);
        }
    }
}
