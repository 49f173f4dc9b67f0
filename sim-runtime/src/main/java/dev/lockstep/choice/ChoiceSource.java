package dev.lockstep.choice;

import java.util.List;

/**
 * The source of every nondeterministic decision of a run: which task runs next, how long a packet
 * takes, whether a fault fires, and the test's own data.
 *
 * <p>Every draw is recorded as one or more non-negative ints; {@link #recorded()} returns them and
 * {@link Choices#format(int[])} turns them into the replay string that reproduces the run.
 *
 * <h2>Choice 0</h2>
 * A recorded 0 always means the plain outcome: FIFO order, no fault, minimum latency, the lowest
 * value. A replayed sequence that runs out answers 0 from then on, so a prefix of a failing run is
 * itself a valid run, and shrinking towards zeros shrinks towards the plain schedule.
 *
 * <h2>Determinism</h2>
 * Implementations are single-threaded and must not read real time or real randomness beyond the
 * seed they were given.
 */
public interface ChoiceSource {

    /**
     * A draw in {@code [0, bound)}.
     *
     * @throws IllegalArgumentException if {@code bound < 1}
     */
    int choose(int bound);

    /**
     * {@code true} with probability {@code p}; recorded as 1 ({@code true}) or 0.
     *
     * @throws IllegalArgumentException if {@code p} is not within {@code [0, 1]}
     */
    boolean chance(double p);

    /**
     * A draw in {@code [lo, hi]} (both inclusive); recorded as the offset from {@code lo}, so a
     * recorded 0 is {@code lo}.
     *
     * @throws IllegalArgumentException if {@code lo > hi}
     */
    long between(long lo, long hi);

    /** One element of {@code items}; recorded as its index. */
    default <T> T pick(List<T> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("pick from an empty list");
        }
        return items.get(choose(items.size()));
    }

    /** The draws so far, in order (a copy). */
    int[] recorded();

    /** How many ints have been recorded so far. */
    int recordedCount();

    /** The replay string of the draws so far. */
    default String replayString() {
        return Choices.format(recorded());
    }

    /** A source drawing from a {@link java.util.SplittableRandom} seeded with {@code seed}. */
    static ChoiceSource seeded(long seed) {
        return new SeededChoices(seed);
    }

    /** A source that answers {@code choices} in order, then 0 forever. */
    static ChoiceSource replay(int[] choices) {
        return new ReplayChoices(choices);
    }

    /** A source that replays the choices of a replay string (see {@link Choices#parse}). */
    static ChoiceSource replay(String replayString) {
        return new ReplayChoices(Choices.parse(replayString));
    }
}
