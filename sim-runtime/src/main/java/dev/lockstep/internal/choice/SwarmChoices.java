package dev.lockstep.internal.choice;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.choice.Choices;
import dev.lockstep.fault.FaultPlan;
import java.util.SplittableRandom;

/**
 * The choices of a seeded swarm run: its first draw, whether the run keeps the plain plan, comes
 * from a generator of its own (seeded from the run's seed), and every later draw from
 * {@code ChoiceSource.seeded(seed)} exactly as a run without swarm draws them. So a swarm run that
 * keeps the plain plan is the plain run of the same seed, draw for draw: on the same seeds, swarm
 * finds whatever the plain run finds in the runs that keep the plain plan, and more in the others.
 *
 * <h2>Replay</h2>
 * The first draw is recorded like any other (1 = faults), so the replay string of a swarm run
 * replays it with {@code FaultPlan.swarm()} as before.
 */
public final class SwarmChoices implements ChoiceSource {
    /** Mixed into the seed for the first draw, so it is independent of the run's own stream. */
    private static final long PLAN_STREAM = 0x9E3779B97F4A7C15L;
    private final ChoiceSource rest;
    /** The first draw: 1 = this run draws faults, 0 = it keeps the plain plan. */
    private final int first;
    private boolean firstTaken;

    public SwarmChoices(long seed) {
        this.rest = ChoiceSource.seeded(seed);
        this.first = new SplittableRandom(seed ^ PLAN_STREAM).nextDouble() < 1.0 - FaultPlan.SWARM_PLAIN_SHARE ? 1 : 0;
    }

    /** Whether the next draw is the first one, answered from its own generator. */
    private boolean atFirst() {
        if (firstTaken) {
            return false;
        }
        firstTaken = true;
        return true;
    }

    @Override
    public int choose(int bound) {
        if (bound < 2) {
            return rest.choose(bound);
        }
        return atFirst() ? first : rest.choose(bound);
    }

    @Override
    public boolean chance(double p) {
        return atFirst() ? first == 1 : rest.chance(p);
    }

    @Override
    public long between(long lo, long hi) {
        return hi > lo && atFirst() ? lo + first : rest.between(lo, hi);
    }

    @Override
    public int[] recorded() {
        int[] tail = rest.recorded();
        if (!firstTaken) {
            return tail;
        }
        int[] out = new int[tail.length + 1];
        out[0] = first;
        System.arraycopy(tail, 0, out, 1, tail.length);
        return out;
    }

    @Override
    public int recordedCount() {
        return rest.recordedCount() + (firstTaken ? 1 : 0);
    }

    @Override
    public String replayString() {
        return Choices.format(recorded());
    }

    @Override
    public String toString() {
        return "swarm " + rest;
    }
}
