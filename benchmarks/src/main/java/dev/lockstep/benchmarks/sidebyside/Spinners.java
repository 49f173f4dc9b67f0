package dev.lockstep.benchmarks.sidebyside;

import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;

/**
 * The load of the growth rows: futures that stay runnable. A spinner wakes its own task and
 * returns {@code Pending} a fixed number of times, then completes; when the last of a group
 * completes, it wakes the group's waiter. So with n spinners spawned, n tasks are runnable at
 * every step until they finish, and every poll picks among n.
 */
final class Spinners {
    private int live;
    private Waker waiter;

    /** A group of {@code count} spinners. */
    Spinners(int count) {
        this.live = count;
    }

    /** One spinner: {@code pendings} times Pending (waking itself), then Ready. */
    Future<Integer> spinner(int pendings) {
        int[] left = {pendings};
        return cx -> {
            if (left[0]-- > 0) {
                cx.waker().wakeByRef();
                return Poll.pending();
            }
            if (--live == 0 && waiter != null) {
                waiter.wakeByRef();
            }
            return Poll.ready(1);
        };
    }

    /** Ready once every spinner of the group completed. */
    Future<Integer> allDone() {
        return (Context cx) -> {
            if (live == 0) {
                return Poll.ready(0);
            }
            waiter = cx.waker();
            return Poll.pending();
        };
    }
}
