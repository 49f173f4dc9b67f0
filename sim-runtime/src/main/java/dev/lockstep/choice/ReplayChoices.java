package dev.lockstep.choice;

/**
 * Answers a fixed sequence, then 0 forever.
 *
 * <p>A value at or above the bound of its draw (which happens when a shrinker edits a sequence
 * so that draws shift) is clamped to {@code bound - 1}, and the clamped value is what is recorded:
 * the record of a replayed run is always a valid sequence for that same run.
 */
final class ReplayChoices extends RecordingChoices {
    private final int[] choices;
    private final ReplaySetup setup;
    private int next;

    ReplayChoices(int[] choices) {
        this(new Replay(ReplaySetup.none(), choices));
    }

    ReplayChoices(Replay replay) {
        this.choices = replay.choices();
        this.setup = replay.setup();
        for (int i = 0; i < this.choices.length; i++) {
            if (this.choices[i] < 0) {
                throw new IllegalArgumentException(
                        "replay choices must be non-negative; choice " + i + " is " + this.choices[i]);
            }
        }
    }

    private int nextValue() {
        return next < choices.length ? choices[next++] : 0;
    }

    @Override
    int raw(int bound) {
        return Math.min(nextValue(), bound - 1);
    }

    @Override
    boolean coin(double p) {
        return nextValue() != 0 && p > 0.0;
    }

    /** How many of the given choices have been consumed. */
    int consumed() {
        return next;
    }

    @Override
    public ReplaySetup setup() {
        return setup;
    }

    @Override
    public int replayUsed() {
        return next;
    }

    @Override
    public int replayLength() {
        return choices.length;
    }

    @Override
    public String toString() {
        return "replay(" + choices.length + " choices)";
    }
}
