package dev.lockstep.internal.choice;

import dev.lockstep.choice.Choices;
import dev.lockstep.choice.ChoiceSource;
import java.util.Arrays;

/**
 * The choices of one run of an exhaustive search: the given prefix, then 0 for every later draw,
 * recording each draw's value and its number of options, so the search can step to the next
 * sequence in lexicographic order.
 *
 * <h2>Options</h2>
 * {@code choose(n)} has {@code n}; {@code chance(p)} has 2 (1 when {@code p} is 0 or 1: the outcome
 * is fixed); {@code between(lo, hi)} has {@code hi - lo + 1}, capped at {@code 2^31 - 1}.
 */
public final class SearchChoices implements ChoiceSource {
    private final int[] prefix;
    private int[] values = new int[16];
    private int[] options = new int[16];
    private int count;

    public SearchChoices(int[] prefix) {
        this.prefix = prefix;
    }

    private int draw(int bound) {
        int v = count < prefix.length ? prefix[count] : 0;
        if (v >= bound) {
            throw new IllegalStateException("exhaustive search: draw #" + count + " has " + bound + " options, but the"
                    + " schedule being replayed chose " + v + "; the scenario draws differently on the same choices"
                    + " (it is not deterministic)");
        }
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
            options = Arrays.copyOf(options, count * 2);
        }
        values[count] = v;
        options[count] = bound;
        count++;
        return v;
    }

    @Override
    public int choose(int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("choose(bound) needs bound >= 1, got " + bound);
        }
        return draw(bound);
    }

    @Override
    public boolean chance(double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("chance(p) needs p in [0, 1], got " + p);
        }
        if (p == 0.0 || p == 1.0) {
            // A fixed outcome: recorded as usual (0 or 1), but with one option.
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
                options = Arrays.copyOf(options, count * 2);
            }
            values[count] = p == 1.0 ? 1 : 0;
            options[count] = values[count] + 1;
            count++;
            return p == 1.0;
        }
        return draw(2) == 1;
    }

    @Override
    public long between(long lo, long hi) {
        if (lo > hi) {
            throw new IllegalArgumentException("between(lo, hi) needs lo <= hi, got " + lo + " > " + hi);
        }
        long span = hi - lo;
        return lo + draw(span >= 0 && span < Integer.MAX_VALUE - 1 ? (int) span + 1 : Integer.MAX_VALUE);
    }

    /**
     * The prefix of the next sequence in lexicographic order after this run's draws: the last
     * draw that has a higher option left, raised by one; {@code null} when every draw was at its
     * last option (the search is done).
     */
    public int[] next() {
        for (int i = count - 1; i >= 0; i--) {
            if (values[i] + 1 < options[i]) {
                int[] out = Arrays.copyOf(values, i + 1);
                out[i]++;
                return out;
            }
        }
        return null;
    }

    @Override
    public int[] recorded() {
        return Arrays.copyOf(values, count);
    }

    @Override
    public int recordedCount() {
        return count;
    }

    @Override
    public String replayString() {
        return Choices.format(recorded());
    }
}
