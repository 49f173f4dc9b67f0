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
 * Wakes waiting tasks without carrying data, with the permit semantics of tokio's {@code Notify}.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>{@link #notifyOne()} completes the oldest waiting {@link #notified()} future (FIFO). If none
 *       waits, it stores a single <em>permit</em> (at most one: several calls store one), and the
 *       next {@code notified()} to be polled consumes it and completes at once. So a notification
 *       sent just before the waiter starts waiting is not lost.
 *   <li>{@link #notifyWaiters()} completes every {@code notified()} future <em>created</em> before
 *       the call, whether or not it was polled yet, and stores no permit.
 * </ul>
 * A {@code notified()} future starts waiting (joins the FIFO) at its first poll.
 *
 * <h2>Returns</h2>
 * {@code notified()} is a future of {@code null}, {@code Pending} until notified.
 *
 * <h2>Waker</h2>
 * A waiting future stores the waker of its latest poll; a notification wakes exactly the futures
 * it completes.
 *
 * <h2>Cancellation</h2>
 * A cancelled waiting future leaves the FIFO. One that {@code notifyOne} had picked but that was
 * not polled since passes the notification on (to the next waiter, or as the permit): a cancelled
 * waiter never swallows a {@code notifyOne}. A {@code notifyWaiters} notification concerns every
 * waiter, so a cancelled one simply drops its share.
 *
 * <h2>After completion</h2>
 * Polling a completed future again throws {@link IllegalStateException}.
 *
 * <h2>Errors</h2>
 * {@link IllegalStateException} for a poll after completion; nothing else throws.
 *
 * <h2>Determinism</h2>
 * Which waiter is served follows the order of polls and calls, which a simulation draws from the
 * run's choices; nothing here reads time or randomness.
 *
 * <h2>Threads</h2>
 * Thread-safe: notify from any thread (on {@code RealRuntime}); in a simulation, stay on its thread.
 */
public final class Notify {
    /** How a waiter was served: by {@code notifyOne} (its notification can be passed on). */
    private static final int BY_ONE = 1;
    private static final int BY_ALL = 2;

    private final WaiterQueue waiting = new WaiterQueue();
    /** Whether a {@code notifyOne} is stored for the next {@code notified()}. */
    private boolean permit;
    /** How many {@code notifyWaiters} calls were made; a future completes if it changed since its creation. */
    private long waitersCalls;

    /** A new notifier with no permit stored. */
    public Notify() {}

    /** A future completed by a notification; see the class comment. */
    public Future<Void> notified() {
        synchronized (this) {
            return new Notified(waitersCalls);
        }
    }

    /** Completes the oldest waiting future, or stores the permit; see the class comment. */
    public void notifyOne() {
        WakeList wakes = new WakeList();
        synchronized (this) {
            notifyOneLocked(wakes);
        }
        wakes.wakeAll();
    }

    /** Completes every future created before this call; stores no permit. */
    public void notifyWaiters() {
        WakeList wakes = new WakeList();
        synchronized (this) {
            waitersCalls++;
            for (Waiter w : waiting.drain()) {
                wakes.add(w.serve(BY_ALL));
            }
        }
        wakes.wakeAll();
    }

    /** Whether a permit is stored. */
    public synchronized boolean hasPermit() {
        return permit;
    }

    /** Futures waiting now. */
    public synchronized int waiting() {
        return waiting.size();
    }

    /** Serves the oldest waiter, or stores the permit. */
    private void notifyOneLocked(WakeList wakes) {
        Waiter head = waiting.pollFirst();
        if (head == null) {
            permit = true;
        } else {
            wakes.add(head.serve(BY_ONE));
        }
    }

    /** One {@code notified()}: joins the FIFO at its first poll. */
    private final class Notified implements Future<Void>, Cancellable, Unpin {
        /** {@link #waitersCalls} when the future was made. */
        private final long callsAtCreation;
        /** The node in the FIFO; shared by a relocated copy through this holder. */
        private final Waiter[] slot = new Waiter[1];
        private boolean done;

        Notified(long callsAtCreation) {
            this.callsAtCreation = callsAtCreation;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("Notify.notified() polled after it completed or was cancelled ("
                        + cx.runtime().describe() + ")");
            }
            synchronized (Notify.this) {
                Waiter w = slot[0];
                if ((w != null && w.isServed()) || waitersCalls != callsAtCreation) {
                    return finishLocked();
                }
                if (w == null) {
                    if (permit) {
                        permit = false;
                        return finishLocked();
                    }
                    w = new Waiter(1, cx.waker());
                    slot[0] = w;
                    waiting.addLast(w);
                } else {
                    w.setWaker(cx.waker());
                }
                return Poll.pending();
            }
        }

        private Poll<Void> finishLocked() {
            Waiter w = slot[0];
            if (w != null) {
                waiting.remove(w);
                w.takeWaker();
                slot[0] = null;
            }
            done = true;
            return Poll.ready(null);
        }

        @Override
        public void cancel() {
            if (done) {
                return;
            }
            done = true;
            WakeList wakes = new WakeList();
            synchronized (Notify.this) {
                Waiter w = slot[0];
                slot[0] = null;
                if (w != null) {
                    w.takeWaker();
                    if (!waiting.remove(w) && w.isServed() && w.servedKind() == BY_ONE) {
                        notifyOneLocked(wakes);   // picked by notifyOne but never ran: pass it on
                    }
                }
            }
            wakes.wakeAll();
        }

        @Override
        public String toString() {
            return "Notify.notified()" + (done ? " (done)" : "");
        }
    }

    @Override
    public synchronized String toString() {
        return "Notify[" + waiting.size() + " waiting" + (permit ? ", permit stored" : "") + "]";
    }
}
