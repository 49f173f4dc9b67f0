package dev.lockstep.runtime;

/**
 * What a simulation does when code it runs reaches outside it: reads real time or real
 * randomness, hands work to a real thread pool, starts a thread, or blocks its thread.
 *
 * <p>Escapes are seen only where {@code dev.lockstep:sim-agent} rewrote the call site (see
 * {@code docs/outside-world.md}); without the agent every policy behaves as {@link #ALLOW}. Set it
 * with {@link Simulation.Builder#escapes(EscapePolicy)} or {@code @SimTest(escapes = "...")}.
 *
 * <h2>Determinism</h2>
 * A virtualized call draws only from the run's choices and reads only its clock, so a run that
 * escapes this way still replays from its replay string; each call site that was virtualized is
 * noted once in the trace ({@code note ... escape virtualized: ...}), so the trace hash covers it.
 * A run in which nothing escapes draws and traces exactly what it would without the agent.
 */
public enum EscapePolicy {
    /**
     * The default: a call with a faithful virtual equivalent uses it (time reads the virtual
     * clock, randomness draws from the run's choices, executors and timers run as simulation
     * tasks, a sleep inside an async body waits in virtual time); any other escape (a thread
     * started, a blocking call with no equivalent) fails the run with an {@link EscapeException}.
     */
    VIRTUALIZE,
    /** Every escape, even one that could be virtualized, fails the run with an {@link EscapeException}. */
    REPORT,
    /** Calls behave as they would outside a simulation (real time, real threads); nothing is reported. */
    ALLOW;

    /**
     * The policy named {@code name}, ignoring case: {@code virtualize}, {@code report} or {@code allow}.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static EscapePolicy parse(String name) {
        for (EscapePolicy p : values()) {
            if (p.name().equalsIgnoreCase(name.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not an escape policy: use virtualize, report or allow");
    }
}
