package dev.lockstep.runtime;

/**
 * Something outside the simulation's control touched it: a waker called from a thread other than
 * the simulation's (a real thread pool completing a future, for example). Such a run cannot be
 * replayed, and mixing real threads with virtual time is a common reason for tests that hang.
 */
public class NondeterminismException extends SimulationException {
    public NondeterminismException(String message, long step, long nanos, String replay, Throwable cause) {
        super(message, step, nanos, replay, cause);
    }
}
