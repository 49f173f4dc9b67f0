package dev.lockstep.property;

import java.time.Duration;

/**
 * The end of a shrink.
 *
 * @param best     the smallest run found that fails the same way (the start if nothing smaller did)
 * @param runs     how many runs the shrink took, including the first replay of the start
 * @param elapsed  real time the shrink took
 * @param timedOut whether the time budget ended it before no candidate was left to try
 */
record ShrinkOutcome(RunResult best, int runs, Duration elapsed, boolean timedOut) {
    ShrinkOutcome {
        if (runs < 0) {
            throw new IllegalArgumentException("runs must be >= 0, got " + runs);
        }
    }
}
