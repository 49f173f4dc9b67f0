package dev.lockstep.sync;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Unpin;
import dev.lockstep.internal.sync.Waiter;
import dev.lockstep.internal.sync.WaiterQueue;
import dev.lockstep.internal.sync.WakeList;

/**
 * Lets {@code n} tasks wait until all of them have arrived, like tokio's {@code Barrier}; it is
 * reusable: after it opens, the next {@code n} arrivals form the next generation.
 *
 * <h2>Returns</h2>
 * {@link #await()} is a future of a {@link BarrierWaitResult}; the arrival that completes a
 * generation is its leader ({@code isLeader()} true, for exactly one task per generation) and
 * completes at once; the others complete when it arrives.
 *
 * <h2>Waker</h2>
 * An arrived task stores the waker of its latest poll; the leader wakes every waiter of its
 * generation.
 *
 * <h2>Cancellation</h2>
 * A task arrives at the first poll. Cancelling a waiting arrival withdraws it: the barrier again
 * waits for {@code n} live arrivals (tokio keeps the arrival of a dropped waiter; withdrawing it
 * means a cancelled task never lets the others through short of a party). An arrival whose
 * generation already opened stays counted: the barrier opened for it.
 *
 * <h2>After completion</h2>
 * Polling a completed future again throws {@link IllegalStateException}.
 *
 * <h2>Errors</h2>
 * {@link IllegalArgumentException} for fewer than one party; {@link IllegalStateException} for a
 * poll after completion.
 *
 * <h2>Determinism</h2>
 * Which waiter is served follows the order of polls and calls, which a simulation draws from the
 * run's choices; nothing here reads time or randomness.
 *
 * <h2>Threads</h2>
 * Thread-safe; in a simulation, stay on its thread.
 */
public final class Barrier {
    private final int parties;
    /** Arrivals of the current generation still waiting. */
    private final WaiterQueue waiting = new WaiterQueue();
    private long generation;

    private Barrier(int parties) {
        this.parties = parties;
    }

    /**
     * A barrier for {@code parties} tasks.
     *
     * @throws IllegalArgumentException if {@code parties < 1}
     */
    public static Barrier of(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("Barrier.of: parties must be >= 1, got " + parties);
        }
        return new Barrier(parties);
    }

    /** A future that arrives at the barrier at its first poll; see the class comment. */
    public Future<BarrierWaitResult> await() {
        return new Arrival();
    }

    /** The number of tasks that must arrive. */
    public int parties() {
        return parties;
    }

    /** Arrivals waiting in the current generation. */
    public synchronized int arrived() {
        return waiting.size();
    }

    /** Generations opened so far. */
    public synchronized long generation() {
        return generation;
    }

    private final class Arrival implements Future<BarrierWaitResult>, Cancellable, Unpin {
        private final Waiter[] slot = new Waiter[1];
        private boolean done;

        @Override
        public Poll<BarrierWaitResult> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("Barrier.await() polled after it completed or was cancelled ("
                        + cx.runtime().describe() + ")");
            }
            WakeList wakes = new WakeList();
            Poll<BarrierWaitResult> result;
            synchronized (Barrier.this) {
                Waiter w = slot[0];
                if (w == null) {
                    if (waiting.size() + 1 == parties) {
                        generation++;
                        for (Waiter other : waiting.drain()) {
                            wakes.add(other.serve(0));
                        }
                        done = true;
                        result = Poll.ready(new BarrierWaitResult(true));
                    } else {
                        slot[0] = new Waiter(1, cx.waker());
                        waiting.addLast(slot[0]);
                        result = Poll.pending();
                    }
                } else if (w.isServed()) {
                    slot[0] = null;
                    done = true;
                    result = Poll.ready(new BarrierWaitResult(false));
                } else {
                    w.setWaker(cx.waker());
                    result = Poll.pending();
                }
            }
            wakes.wakeAll();
            return result;
        }

        @Override
        public void cancel() {
            if (done) {
                return;
            }
            done = true;
            synchronized (Barrier.this) {
                Waiter w = slot[0];
                slot[0] = null;
                if (w != null) {
                    waiting.remove(w);
                    w.takeWaker();
                }
            }
        }

        @Override
        public String toString() {
            return "Barrier.await()" + (done ? " (done)" : "");
        }
    }

    @Override
    public synchronized String toString() {
        return "Barrier[" + waiting.size() + "/" + parties + " arrived, generation " + generation + "]";
    }
}
