package dev.lockstep.choice;

/**
 * The shared part of the two sources: argument checks, the mapping of {@code chance} and
 * {@code between} onto raw int draws, and the record.
 *
 * <p>A raw draw asks for a value below a bound; a {@code between} whose span exceeds an int is
 * drawn as two raw draws (high part, then low part), so every recorded value is a non-negative
 * int. Subclasses supply {@link #raw(int)}, which must return a value in {@code [0, bound)}.
 */
abstract sealed class RecordingChoices implements ChoiceSource permits SeededChoices, ReplayChoices {
    private static final long LOW_BITS = 1L << 30;
    private final ChoiceLog log = new ChoiceLog();

    /** A value in {@code [0, bound)}; {@code bound >= 1}. */
    abstract int raw(int bound);

    /** Whether a coin of probability {@code p} comes up; only {@link SeededChoices} flips coins. */
    abstract boolean coin(double p);

    private int record(int value) {
        log.add(value, tag);
        return value;
    }

    /** The label of the draws being made; see {@link ChoiceSource#tag}. */
    private byte tag;

    @Override
    public void tag(int tag) {
        this.tag = (byte) tag;
    }

    @Override
    public byte[] recordedTags() {
        return log.tags();
    }

    @Override
    public int choose(int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("choose(bound) needs bound >= 1, got " + bound);
        }
        return record(raw(bound));
    }

    @Override
    public boolean chance(double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("chance(p) needs p in [0, 1], got " + p);
        }
        return record(coin(p) ? 1 : 0) == 1;
    }

    @Override
    public long between(long lo, long hi) {
        if (lo > hi) {
            throw new IllegalArgumentException("between(lo, hi) needs lo <= hi, got " + lo + " > " + hi);
        }
        long span = hi - lo; // may overflow to negative for huge ranges; handled below
        if (span >= 0 && span < Integer.MAX_VALUE) {
            return lo + record(raw((int) span + 1));
        }
        // Wide range: a high draw in units of 2^30, then a low draw within the unit.
        long units = span >= 0 ? span / LOW_BITS + 1 : Long.MAX_VALUE / LOW_BITS;
        int high = record(raw((int) Math.min(units, Integer.MAX_VALUE)));
        int low = record(raw((int) LOW_BITS));
        long offset = high * LOW_BITS + low;
        long value = lo + offset;
        return (span >= 0 && offset > span) ? hi : value;
    }

    @Override
    public int[] recorded() {
        return log.toArray();
    }

    @Override
    public int recordedCount() {
        return log.size();
    }

    @Override
    public boolean recordingCapped() {
        return log.capped();
    }
}
