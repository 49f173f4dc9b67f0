package dev.lockstep.property;

import dev.lockstep.choice.Choices;
import dev.lockstep.runtime.Simulation;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The settings of one check of a property, fixed when {@link Property#check()} starts.
 *
 * @param name              the property's name, used in reports and replay commands
 * @param runs              seeded runs over all shards, {@code >= 0}
 * @param seed              the base seed; run {@code i} uses {@link RunSeeds#of(long, int)}
 * @param replay            a replay string to run instead of the seeded runs, or {@code null}
 * @param maxSteps          the step limit of each run
 * @param maxVirtualTime    the virtual time limit of each run
 * @param livelockSteps     the livelock window of each run (0: off)
 * @param shrinkTime        the real-time budget of a shrink
 * @param parallelism       threads running seeded runs at once, {@code >= 1}
 * @param shard             the part of the run space to run
 * @param determinismSample seeded runs to re-run for the determinism check ({@code 0}: none)
 * @param traceTail         trace events kept for the report, {@code >= 1}
 * @param customiser        applied to every run's simulation builder before its choice source is
 *                          set (where a fault plan plugs in)
 */
public record PropertySettings(String name, int runs, long seed, String replay, long maxSteps,
        Duration maxVirtualTime, long livelockSteps, Duration shrinkTime, int parallelism, Shard shard, int determinismSample,
        int traceTail, Consumer<Simulation.Builder> customiser) {

    public PropertySettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(maxVirtualTime, "maxVirtualTime");
        Objects.requireNonNull(shrinkTime, "shrinkTime");
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(customiser, "customiser");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a property needs a name (it appears in reports and replay commands)");
        }
        if (runs < 0) {
            throw new IllegalArgumentException("runs must be >= 0, got " + runs);
        }
        if (replay != null) {
            Choices.parse(replay);
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
        }
        if (livelockSteps < 0) {
            throw new IllegalArgumentException("livelockSteps must be >= 0 (0: off), got " + livelockSteps);
        }
        if (maxVirtualTime.isNegative() || shrinkTime.isNegative()) {
            throw new IllegalArgumentException("maxVirtualTime and shrinkTime must not be negative, got "
                    + maxVirtualTime + " and " + shrinkTime);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
        if (determinismSample < 0) {
            throw new IllegalArgumentException("determinismSample must be >= 0, got " + determinismSample);
        }
        if (traceTail < 1) {
            throw new IllegalArgumentException("traceTail must be >= 1, got " + traceTail);
        }
    }
}
