package dev.lockstep.benchmarks.timers;

import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.future.Waker;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.time.Sleep;

/**
 * Lockstep's side of the timer row, three ways a user schedules many timers:
 * <ul>
 *   <li>{@link #wakeAt}: one task registers every deadline with {@link RuntimeHandle#wakeAt} and
 *       is woken and polled as each fires (what a {@link Sleep} does underneath);
 *   <li>{@link #runAt}: one task registers an action per deadline with
 *       {@link RuntimeHandle#runAt}; firing runs the action, with no wake or poll (how event
 *       sources such as the simulated network schedule deliveries; the closest to a scheduler's
 *       delayed runnable);
 *   <li>{@link #sleepingTasks}: many tasks, each sleeping with {@link Sleep#until(long)} until
 *       each deadline of its share in turn.
 * </ul>
 * Each returns how many timers fired, which the benchmark checks against the number scheduled.
 */
public final class SimTimers {
    private SimTimers() {}

    /** One task, one {@code wakeAt} per deadline. */
    public static long wakeAt(long[] deadlines) {
        Simulation sim = Simulation.builder().seed(0).build();
        long last = RandomDeadlines.last(deadlines);
        long[] polls = new long[1];
        sim.blockOn((Context cx) -> {
            RuntimeHandle rt = cx.runtime();
            if (polls[0]++ == 0) {
                Waker waker = cx.waker();
                for (long d : deadlines) {
                    rt.wakeAt(d, waker);
                }
            }
            return rt.nanos() >= last ? Poll.ready(null) : Poll.pending();
        });
        if (sim.pendingTimers() != 0) {
            throw new IllegalStateException(sim.pendingTimers() + " timers did not fire");
        }
        return deadlines.length;
    }

    /** One task, one {@code runAt} action per deadline; the task completes when the last fired. */
    static long runAt(long[] deadlines) {
        Simulation sim = Simulation.builder().seed(0).build();
        long[] fired = new long[1];
        Waker[] main = new Waker[1];
        Runnable action = () -> {
            if (++fired[0] == deadlines.length) {
                main[0].wakeByRef();
            }
        };
        sim.blockOn((Context cx) -> {
            if (main[0] == null) {
                main[0] = cx.waker();
                for (long d : deadlines) {
                    cx.runtime().runAt(d, action);
                }
            }
            return fired[0] == deadlines.length ? Poll.ready(null) : Poll.pending();
        });
        return fired[0];
    }

    /** One task per share of {@code shares}, sleeping until each of its (sorted) deadlines in turn. */
    static long sleepingTasks(long[][] shares) {
        Simulation sim = Simulation.builder().seed(0).build();
        long[] slept = new long[1];
        int[] running = {shares.length};
        Waker[] main = new Waker[1];
        for (int i = 0; i < shares.length; i++) {
            sim.spawn("sleeper-" + i, sleeper(shares[i], slept, () -> {
                if (--running[0] == 0 && main[0] != null) {
                    main[0].wakeByRef();
                }
            }));
        }
        sim.blockOn((Context cx) -> {
            main[0] = cx.waker();
            return running[0] == 0 ? Poll.ready(null) : Poll.pending();
        });
        return slept[0];
    }

    private static Future<Void> sleeper(long[] deadlines, long[] slept, Runnable onDone) {
        int[] next = {0};
        Sleep[] current = {null};
        return cx -> {
            while (next[0] < deadlines.length) {
                if (current[0] == null) {
                    current[0] = Sleep.until(deadlines[next[0]]);
                }
                if (current[0].poll(cx).isPending()) {
                    return Poll.pending();
                }
                current[0] = null;
                next[0]++;
                slept[0]++;
            }
            onDone.run();
            return Poll.ready(null);
        };
    }
}
