package dev.lockstep.runtime;

import dev.lockstep.choice.ChoiceSource;
import java.util.ArrayList;
import java.util.List;

/**
 * A choice source for fault tests: FIFO order and the lowest value for every choice, but every
 * coin with a positive probability comes up and every range draw is its largest value, so each
 * enabled fault fires at every opportunity, as late as it can. Records like the real sources.
 */
final class EagerChoices implements ChoiceSource {
    private final List<Integer> log = new ArrayList<>();

    private int record(int v) {
        log.add(v);
        return v;
    }

    @Override
    public int choose(int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound " + bound);
        }
        return record(0);
    }

    @Override
    public boolean chance(double p) {
        return record(p > 0 ? 1 : 0) == 1;
    }

    @Override
    public long between(long lo, long hi) {
        record((int) Math.min(hi - lo, Integer.MAX_VALUE));
        return hi;
    }

    @Override
    public int[] recorded() {
        return log.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public int recordedCount() {
        return log.size();
    }
}
