package dev.lockstep.agent.internal.calls;

/**
 * The kinds of escape, each with what it does to a simulation and the usual fix, for
 * {@code EscapeException} messages.
 */
public enum EscapeKind {
    /** Reads the real clock. */
    TIME("reads the real clock, so what it measures is not the simulation's virtual time",
            "give the code the virtual clock: sim.clock().asJavaClock(), asTicker(), or let EscapePolicy.VIRTUALIZE"
                    + " (the default) route the call"),
    /** Draws real randomness. */
    RANDOM("draws real randomness, so the run does not replay from its seed",
            "draw from sim.choices() or seed the generator from it, or let EscapePolicy.VIRTUALIZE (the default)"
                    + " seed it from the run's choices"),
    /** Hands work to a real thread pool or timer. */
    EXECUTOR("hands work to a real thread pool or timer, which runs it outside the simulation's schedule and clock",
            "give the library sim.scheduledExecutor(), or let EscapePolicy.VIRTUALIZE (the default) run the work as"
                    + " simulation tasks"),
    /** Starts a real thread. */
    THREAD("starts a real thread, which runs outside the simulation's schedule and clock and cannot be replayed",
            "run the work as a task (sim.spawn, a.spawn) or on sim.scheduledExecutor(); if the library starts it,"
                    + " give it an executor or ThreadFactory"),
    /** Opens a real network connection. */
    NETWORK("opens a real network connection, whose latency, failures and threads are outside the simulation",
            "talk to simulated hosts through virtual-io (dev.lockstep.io: TcpStream over a SimNetwork), or fake the"
                    + " remote service in virtual time with sim.scheduledExecutor()"),
    /** Blocks the simulation's thread. */
    BLOCKING("blocks the simulation's only thread: no other task can run to end the wait, and virtual time cannot"
            + " move while it waits",
            "await instead of blocking: a.await(Interop.fromCompletionStage(stage)) or a.sleep(d) in an async body,"
                    + " a Lockstep future in a poll; if a library blocks, give it sim.scheduledExecutor()");

    final String why;
    final String fix;

    EscapeKind(String why, String fix) {
        this.why = why;
        this.fix = fix;
    }
}
