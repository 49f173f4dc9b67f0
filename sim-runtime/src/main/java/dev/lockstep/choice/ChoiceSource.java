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
 * <h2>Order of draws</h2>
 * A run draws from one sequence, in the order its decisions happen: a swarm run's plan first, then
 * PCT's change points, then each turn of the run loop (held wakes, spurious polls, the schedule,
 * moves and fresh wakers, in that order), interleaved with the test's own data draws. A fault
 * that is off draws nothing.
 *
 * <h2>Choices that stay put</h2>
 * Two things keep unrelated draws in place when a run is edited. The drawn plan of a swarm run is
 * part of the run's {@link ReplaySetup}, not of its choices, so the setup can be edited without
 * touching the choices. And each fault's coin is labelled with its kind ({@link #tag},
 * {@code Simulation.replayTags()}): switching a fault off together with dropping exactly the
 * choices labelled with it leaves the schedule, the data and the other faults reading the same
 * values as before. This was chosen over separate sub-streams per decision kind because a seeded
 * run then draws exactly what it drew before labels existed (same traces, same budgets), and a
 * replay string stays one sequence.
 *
 * <h2>Memory</h2>
 * The record keeps at most 4,194,304 ints (a few MB, in varint bytes); a
 * longer run keeps drawing but stops recording, and {@link #recordingCapped()} says so. Such a run
 * replays from its seed, not from its record.
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

    /**
     * One element of {@code items}; recorded as its index.
     *
     * @throws IllegalArgumentException if {@code items} is empty
     */
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

    /**
     * Labels the draws that follow, until the next call, with {@code tag} (0: no label): the
     * executor labels each fault's coin with its kind, so a shrinker that switches a fault off can
     * drop exactly that fault's draws and leave the others where they were. A label is not part of
     * the replay string and changes nothing that is drawn. Sources that keep no labels ignore it.
     */
    default void tag(int tag) {}

    /** The label of each recorded draw, aligned with {@link #recorded()} (a copy; all 0 if none were given). */
    default byte[] recordedTags() {
        return new byte[recordedCount()];
    }

    /** Whether the record stopped at its cap (4,194,304 ints) while the run went on. */
    default boolean recordingCapped() {
        return false;
    }

    /** The setup a replay source carries (from a version-2 string); empty for every other source. */
    default ReplaySetup setup() {
        return ReplaySetup.none();
    }

    /**
     * For a replay source, how many of its given choices the run has read so far; {@code -1} for
     * every other source. A run that ends having read fewer than {@link #replayLength()} did not
     * need the rest (a changed scenario, or a string from another test).
     */
    default int replayUsed() {
        return -1;
    }

    /** For a replay source, how many choices it was given (trailing zeros included); {@code -1} otherwise. */
    default int replayLength() {
        return -1;
    }

    /** The replay string of the draws so far. */
    default String replayString() {
        return Choices.format(recorded());
    }

    /** A source drawing from a {@link java.util.SplittableRandom} seeded with {@code seed}. */
    static ChoiceSource seeded(long seed) {
        return new SeededChoices(seed);
    }

    /**
     * A source that answers {@code choices} in order, then 0 forever (a value at or above the bound
     * of its draw answers {@code bound - 1}, and that is what is recorded).
     *
     * @throws IllegalArgumentException if a choice is negative
     */
    static ChoiceSource replay(int[] choices) {
        return new ReplayChoices(choices);
    }

    /**
     * A source that replays a replay string of either version, or {@code @path} (see
     * {@link Choices}). A version-2 string's setup comes with it: a simulation built on this source
     * runs with that setup (see {@code Simulation.Builder#replay}).
     */
    static ChoiceSource replay(String replayString) {
        return new ReplayChoices(Replay.parse(replayString));
    }

    /** A source that replays {@code replay}, its setup included. */
    static ChoiceSource replay(Replay replay) {
        return new ReplayChoices(replay);
    }
}
