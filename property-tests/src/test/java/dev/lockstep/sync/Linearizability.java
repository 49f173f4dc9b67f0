package dev.lockstep.sync;

import dev.lockstep.sync.History.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A linearizability check in the manner of Wing and Gong: is there an order of the operations'
 * steps, each taken inside its operation's interval, that a sequential model accepts with the
 * results the history recorded? Operations may have several steps (a bounded send first reserves a
 * slot, then queues), each an atomic point of the model.
 *
 * <p>A depth-first search over which step comes next, pruned by a memo of (progress, model state)
 * pairs already explored; histories of a few dozen operations check in milliseconds.
 */
final class Linearizability {
    /** A sequential specification. */
    interface Model<S> {
        S initial();

        /**
         * The steps operation {@code op} may take from {@code state} as its {@code step}-th step,
         * given its recorded result; empty when none fits.
         */
        List<Step<S>> next(S state, Op op, int step);
    }

    /** A model state after a step, and whether that step completed the operation. */
    record Step<S>(S state, boolean completes) {}

    private Linearizability() {}

    /** Empty if {@code ops} is linearizable under {@code model}; otherwise a description of the history. */
    static <S> Optional<String> check(List<Op> ops, Model<S> model) {
        int[] progress = new int[ops.size()];   // steps taken; -1 once complete
        Set<List<Object>> seen = new HashSet<>();
        if (search(ops, model, model.initial(), progress, ops.size(), seen)) {
            return Optional.empty();
        }
        return Optional.of("not linearizable: " + ops);
    }

    private static <S> boolean search(List<Op> ops, Model<S> model, S state, int[] progress, int left,
            Set<List<Object>> seen) {
        if (left == 0) {
            return true;
        }
        List<Object> key = new ArrayList<>(2);
        key.add(Arrays.toString(progress));
        key.add(state);
        if (!seen.add(key)) {
            return false;
        }
        long horizon = Long.MAX_VALUE;   // no step may come after an incomplete operation's response
        for (int i = 0; i < ops.size(); i++) {
            if (progress[i] >= 0) {
                horizon = Math.min(horizon, ops.get(i).response());
            }
        }
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            if (progress[i] < 0 || op.invoke() > horizon) {
                continue;
            }
            int step = progress[i];
            for (Step<S> s : model.next(state, op, step)) {
                progress[i] = s.completes() ? -1 : step + 1;
                if (search(ops, model, s.state(), progress, s.completes() ? left - 1 : left, seen)) {
                    return true;
                }
                progress[i] = step;
            }
        }
        return false;
    }
}
