package dev.lockstep.fault;

/**
 * The result of {@link Simulation.Builder#checkMoves}: whether moving {@code Unpin} futures
 * between polls changed what a scenario did.
 *
 * <p>The scenario ran twice on the same choices: once with the {@code relocate} fault moving
 * futures, once with the same relocations drawn but not made. A future that is really
 * {@code Unpin} cannot tell the difference, so the two runs end the same way (the same value, or
 * the same exception type) with the same trace hash.
 *
 * @param consistent   whether both runs ended the same way with the same trace hash
 * @param moves        how many futures the first run moved
 * @param withMoves    how the run with moves ended: {@code "returned <value>"} or {@code "threw <exception>"}
 * @param withoutMoves how the run without moves ended
 * @param movedHash    trace hash of the run with moves
 * @param unmovedHash  trace hash of the run without moves
 * @param replay       replay string of the run with moves
 * @param faults       the fault plan both runs used
 */
public record MoveReport(boolean consistent, int moves, String withMoves, String withoutMoves, long movedHash,
        long unmovedHash, String replay, String faults) {

    public MoveReport {
        if (moves < 0) {
            throw new IllegalArgumentException("moves must be >= 0, got " + moves);
        }
    }

    /**
     * @throws AssertionError describing both runs if moving changed the run (a pin-contract
     *     violation)
     */
    public void assertConsistent() {
        if (!consistent) {
            throw new AssertionError(toString());
        }
    }

    @Override
    public String toString() {
        if (consistent) {
            return String.format("moves are invisible: %d move(s), the run %s either way, trace hash %016x (replay %s,"
                    + " %s)", moves, withMoves, movedHash, replay, faults);
        }
        return String.format("PIN_VIOLATION: moving Unpin futures changed the run. With %d move(s) it %s; with the"
                + " same choices and no moves it %s (trace hashes %016x and %016x). Something still uses a pre-move"
                + " instance (a reference kept by the test or a callback) or depends on the future's identity:"
                + " remove Unpin from that future, or implement Movable.relocate() to carry everything over.%n"
                + "replay: %s%nfaults: %s", moves, withMoves, withoutMoves, movedHash, unmovedHash, replay, faults);
    }
}
