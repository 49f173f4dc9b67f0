package dev.lockstep.trace;

/**
 * The result of {@link Simulation.Builder#checkDeterminism}: whether two runs of the same choices
 * produced the same trace, and if not, the first event where they differ.
 *
 * @param deterministic   whether the traces are equal
 * @param firstHash       trace hash of the first run
 * @param secondHash      trace hash of the second run
 * @param events          events in the first run
 * @param firstDifference index of the first differing event, or {@code -1}
 * @param inFirst         that event in the first run, or {@code null} (the first run was shorter)
 * @param inSecond        that event in the second run, or {@code null} (the second run was shorter)
 * @param replay          replay string of the first run
 */
public record DeterminismReport(boolean deterministic, long firstHash, long secondHash, long events,
        int firstDifference, TraceEvent inFirst, TraceEvent inSecond, String replay) {

    /**
     * @throws AssertionError naming the first differing event if the runs differed
     */
    public void assertDeterministic() {
        if (!deterministic) {
            throw new AssertionError(toString());
        }
    }

    @Override
    public String toString() {
        if (deterministic) {
            return String.format("deterministic: %d events, trace hash %016x (replay %s)", events, firstHash, replay);
        }
        return String.format("NOT deterministic: the same choices gave traces %016x and %016x; first difference at"
                + " event %d:%n  first run:  %s%n  second run: %s%nreplay: %s%nLook for real time, real randomness,"
                + " threads, or iteration over identity-hashed collections (HashSet/HashMap of objects without"
                + " equals/hashCode) in the code under test.", firstHash, secondHash, firstDifference,
                shown(inFirst, inSecond), shown(inSecond, inFirst), replay);
    }

    /**
     * {@code e} as a trace line, or as the whole record when the other run's event reads the same
     * (they differ in a field the line leaves out, such as where a poll's wake happened).
     */
    private static String shown(TraceEvent e, TraceEvent other) {
        if (e == null) {
            return "(run ended)";
        }
        String line = Trace.line(e).strip();
        return other != null && line.equals(Trace.line(other).strip()) ? line + "  " + e : line;
    }
}
