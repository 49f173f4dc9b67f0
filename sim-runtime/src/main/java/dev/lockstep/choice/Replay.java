package dev.lockstep.choice;

import java.util.Arrays;
import java.util.Objects;

/**
 * A replayable run: the choices it drew and the {@link ReplaySetup} that says how to read them.
 * Its text form is a replay string of version 2, {@code lockstep:2:...}.
 *
 * <h2>Choices</h2>
 * The choices are those drawn after the setup: a swarm run's plan draws are not among them, since
 * the drawn plan is in the setup. So the setup can be changed (a fault switched off) without
 * shifting the choices.
 *
 * <h2>Text form</h2>
 * See {@link Choices} for both versions. {@link #parse} also reads a version-1 string (its setup is
 * empty) and {@code @path}, a file holding the string.
 *
 * @param setup   how to read the choices; {@link ReplaySetup#none()} for a version-1 string
 * @param choices the choices, non-negative
 */
public record Replay(ReplaySetup setup, int[] choices) {
    public Replay {
        Objects.requireNonNull(setup, "setup");
        choices = Objects.requireNonNull(choices, "choices").clone();
        for (int i = 0; i < choices.length; i++) {
            if (choices[i] < 0) {
                throw new IllegalArgumentException("choice " + i + " is negative: " + choices[i]);
            }
        }
    }

    /** The choices (a copy). */
    @Override
    public int[] choices() {
        return choices.clone();
    }

    /** How many choices there are. */
    public int size() {
        return choices.length;
    }

    /** This replay with other choices. */
    public Replay withChoices(int[] other) {
        return new Replay(setup, other);
    }

    /** This replay with another setup. */
    public Replay withSetup(ReplaySetup other) {
        return new Replay(other, choices);
    }

    /**
     * The version-2 replay string. A version-2 string always carries a setup, so a replay whose
     * setup is {@link ReplaySetup#none()} (read from a version-1 string) prints with an empty
     * carried setup: read back, it replays with the default plan and scheduler instead of the
     * builder's, and does not equal this replay. {@link Choices#format(int[])} of its choices
     * keeps the version-1 meaning.
     */
    public String format() {
        return Choices.PREFIX + Choices.VERSION + ":" + ReplayCodec.encode(this);
    }

    /**
     * Reads a replay string of either version, or {@code @path} (a file holding one, as a report
     * writes for a string over {@value Choices#FILE_THRESHOLD} characters).
     *
     * @throws IllegalArgumentException naming what is wrong (see {@link Choices#parse})
     */
    public static Replay parse(String replay) {
        return Choices.parseReplay(replay);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Replay r && r.setup.equals(setup) && Arrays.equals(r.choices, choices);
    }

    @Override
    public int hashCode() {
        return 31 * setup.hashCode() + Arrays.hashCode(choices);
    }

    @Override
    public String toString() {
        return format();
    }
}
