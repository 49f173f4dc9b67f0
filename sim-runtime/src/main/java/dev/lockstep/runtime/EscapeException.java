package dev.lockstep.runtime;

/**
 * Code run by a simulation reached outside it at a call site that the policy does not let
 * through (see {@link EscapePolicy}): what was called, where (class, method, file and line of the
 * caller), by which task, at which step and virtual time, the replay string, and the fix.
 *
 * <h2>When</h2>
 * Thrown at the first such call, from the call itself, so the stack shows the path to it. A
 * library that catches and swallows it does not hide it: the simulation remembers the first
 * escape and {@code blockOn} throws it when the run ends, whatever else happened.
 */
public class EscapeException extends SimulationException {
    private final String call;
    private final String site;
    private final String task;

    EscapeException(String message, String call, String site, String task, long step, long nanos, String replay) {
        super(message, step, nanos, replay, null);
        this.call = call;
        this.site = site;
        this.task = task;
    }

    /** What was called, such as {@code java.lang.Thread.start()}. */
    public String call() {
        return call;
    }

    /** The caller, as {@code com.example.Client.fetch(Client.java:42)}. */
    public String site() {
        return site;
    }

    /** The task that made the call, as {@code 'name'#id}, or {@code "-"} outside any task. */
    public String task() {
        return task;
    }
}
