package dev.lockstep.benchmarks.executor;

import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import dev.lockstep.runtime.Simulation;

/**
 * Lockstep's side of the executor row: {@code n} tasks pass one token around a ring. The task
 * holding the token, when polled, counts one hand-off, passes the token to the next task, wakes it
 * and returns {@code Pending}; after the last hand-off a completion future wakes the run's main
 * task.
 *
 * <p>Every task is runnable once after it is spawned (the executor polls it to learn its waker);
 * a task polled without the token returns {@code Pending}, as a future woken spuriously does.
 * After that round exactly one task is runnable at a time, so a hand-off is one wake and one poll.
 *
 * <h2>Determinism</h2>
 * The simulation is seeded with 0: the first round's order is drawn, the rest is forced.
 */
public final class TokenRing {
    private final Waker[] wakers;
    private int holder;
    private long remaining;
    /** The waker of the run's main task, set once it is polled; null before. */
    private Waker main;
    private boolean done;

    private TokenRing(int tasks, long handOffs) {
        if (tasks < 1 || handOffs < 1) {
            throw new IllegalArgumentException("a ring needs at least one task and one hand-off, got " + tasks
                    + " tasks and " + handOffs + " hand-offs");
        }
        this.wakers = new Waker[tasks];
        this.remaining = handOffs;
    }

    /**
     * Runs {@code handOffs} hand-offs among {@code tasks} tasks in a fresh simulation.
     *
     * @return the number of polls the simulation made (at least {@code handOffs})
     */
    public static long run(int tasks, long handOffs) {
        TokenRing ring = new TokenRing(tasks, handOffs);
        Simulation sim = Simulation.builder().seed(0).build();
        for (int i = 0; i < tasks; i++) {
            sim.spawn("ring-" + i, ring.member(i));
        }
        sim.blockOn(ring.completion());
        return sim.step();
    }

    private Future<Void> member(int index) {
        int next = index + 1 == wakers.length ? 0 : index + 1;
        return cx -> {
            wakers[index] = cx.waker();
            if (holder != index) {
                return Poll.pending();
            }
            if (--remaining == 0) {
                done = true;
                if (main != null) {
                    main.wakeByRef();
                }
                return Poll.ready(null);
            }
            holder = next;
            Waker w = wakers[next];
            if (w != null) {
                // Null only while the next task has not been polled yet: it is still runnable from its spawn.
                w.wakeByRef();
            }
            return Poll.pending();
        };
    }

    private Future<Void> completion() {
        return (Context cx) -> {
            if (done) {
                return Poll.ready(null);
            }
            main = cx.waker();
            return Poll.pending();
        };
    }
}
