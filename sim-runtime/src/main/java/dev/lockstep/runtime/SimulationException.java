package dev.lockstep.runtime;

import dev.lockstep.trace.TraceHash;

/**
 * A failure of a simulated run, located in it: the step and virtual time at which it happened and
 * the replay string that reproduces the run up to that point.
 */
public class SimulationException extends RuntimeException {
    private final long step;
    private final long nanos;
    private final String replay;
    /** The run's fault plan and scheduler, when they are not the defaults; empty otherwise. */
    private String setup = "";

    /**
     * @param message what went wrong and how to fix it
     * @param step    polls made before the failure
     * @param nanos   virtual time of the failure
     * @param replay  the replay string of the run so far
     * @param cause   the underlying exception, or {@code null}
     */
    public SimulationException(String message, long step, long nanos, String replay, Throwable cause) {
        super(message + "\n  at step " + step + ", virtual time " + TraceHash.time(nanos) + "\n  replay: "
                + shown(replay), cause);
        this.step = step;
        this.nanos = nanos;
        this.replay = replay;
    }

    /** The replay string as a message shows it: whole up to 2 KB, else its start and its length. */
    private static String shown(String replay) {
        if (replay == null || replay.length() <= dev.lockstep.choice.Choices.FILE_THRESHOLD) {
            return replay;
        }
        return replay.substring(0, 64) + "... (" + replay.length() + " characters; the exception's replay() holds it"
                + " whole, and a property report writes it to a file)";
    }

    /** Polls made before the failure. */
    public long step() {
        return step;
    }

    /** Virtual time of the failure, in nanoseconds. */
    public long nanos() {
        return nanos;
    }

    /** The replay string of the run up to the failure. */
    public String replay() {
        return replay;
    }

    /**
     * The fault plan and scheduler of the failed run (for example
     * {@code "faults[spurious-poll=0.2]; scheduler pct(3, 100)"}), or empty when the run used the
     * defaults. With the replay string and the same builder settings it reproduces the run.
     */
    public String setup() {
        return setup;
    }

    /** Attaches the run's non-default fault plan and scheduler; the simulation calls it once. */
    void setup(String description) {
        this.setup = description == null ? "" : description;
    }

    @Override
    public String getMessage() {
        String m = super.getMessage();
        return setup.isEmpty() ? m : m + "\n  setup: " + setup;
    }
}
