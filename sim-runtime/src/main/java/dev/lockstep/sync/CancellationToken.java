package dev.lockstep.sync;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Unpin;
import dev.lockstep.internal.sync.Waiter;
import dev.lockstep.internal.sync.WaiterQueue;
import dev.lockstep.internal.sync.WakeList;
import java.util.ArrayList;
import java.util.List;

/**
 * A signal that work should stop, with a tree of child tokens, like tokio-util's
 * {@code CancellationToken}.
 *
 * <pre>{@code
 * CancellationToken shutdown = CancellationToken.create();
 * CancellationToken perConnection = shutdown.child();   // cancelled with shutdown, or on its own
 * Futures.select(shutdown.cancelled(), serve(conn))       // stop serving on shutdown
 * }</pre>
 *
 * <h2>Semantics</h2>
 * {@link #cancel()} is sticky and idempotent: it completes every {@link #cancelled()} future of this
 * token and cancels its children (and theirs), in the order they were made. Cancelling a child does
 * not cancel its parent. A child made from a cancelled token is cancelled already.
 *
 * <h2>Returns</h2>
 * {@code cancelled()} is a future of {@code null}: {@code Ready} at once when the token is
 * cancelled, else {@code Pending} until it is.
 *
 * <h2>Waker</h2>
 * A waiting {@code cancelled()} stores the waker of its latest poll; {@code cancel()} wakes all.
 *
 * <h2>Cancellation</h2>
 * A cancelled {@code cancelled()} future leaves the list of waiters; nothing else changes.
 *
 * <h2>Memory</h2>
 * A parent keeps its children until it is cancelled; a child that is cancelled on its own leaves
 * its parent's list. (Java has no drop: a long-lived parent of many short-lived children should
 * cancel each child when its work ends.)
 *
 * <h2>Errors</h2>
 * {@link IllegalStateException} for a poll after completion; nothing else throws.
 *
 * <h2>Determinism</h2>
 * Which waiter is served follows the order of polls and calls, which a simulation draws from the
 * run's choices; nothing here reads time or randomness.
 *
 * <h2>Threads</h2>
 * Thread-safe: cancel from any thread (on {@code RealRuntime}); in a simulation, stay on its thread.
 */
public final class CancellationToken {
    private final CancellationToken parent;
    private final WaiterQueue waiting = new WaiterQueue();
    private final List<CancellationToken> children = new ArrayList<>();
    private boolean cancelled;

    private CancellationToken(CancellationToken parent) {
        this.parent = parent;
    }

    /** A new token, not cancelled. */
    public static CancellationToken create() {
        return new CancellationToken(null);
    }

    /** A child: cancelled when this token is, or on its own. */
    public CancellationToken child() {
        CancellationToken c = new CancellationToken(this);
        synchronized (this) {
            if (!cancelled) {
                children.add(c);
                return c;
            }
        }
        c.cancel();
        return c;
    }

    /** Cancels this token and its descendants; see the class comment. */
    public void cancel() {
        WakeList wakes = new WakeList();
        List<CancellationToken> kids;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            for (Waiter w : waiting.drain()) {
                wakes.add(w.serve(0));
            }
            kids = new ArrayList<>(children);
            children.clear();
        }
        wakes.wakeAll();
        for (CancellationToken k : kids) {
            k.cancel();
        }
        if (parent != null) {
            parent.removeChild(this);
        }
    }

    /** Whether {@link #cancel()} was called on this token or an ancestor. */
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** A future that completes once the token is cancelled; see the class comment. */
    public Future<Void> cancelled() {
        return new Cancelled();
    }

    /** Children not yet cancelled. */
    public synchronized int children() {
        return children.size();
    }

    private synchronized void removeChild(CancellationToken c) {
        children.remove(c);
    }

    @Override
    public synchronized String toString() {
        return "CancellationToken[" + (cancelled ? "cancelled" : "live, " + waiting.size() + " waiting") + "]";
    }

    private final class Cancelled implements Future<Void>, Cancellable, Unpin {
        private final Waiter[] slot = new Waiter[1];
        private boolean done;

        @Override
        public Poll<Void> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("CancellationToken.cancelled() polled after it completed or was"
                        + " cancelled (" + cx.runtime().describe() + ")");
            }
            synchronized (CancellationToken.this) {
                Waiter w = slot[0];
                if (cancelled) {
                    if (w != null) {
                        waiting.remove(w);
                        w.takeWaker();
                        slot[0] = null;
                    }
                    done = true;
                    return Poll.ready(null);
                }
                if (w == null) {
                    slot[0] = new Waiter(1, cx.waker());
                    waiting.addLast(slot[0]);
                } else {
                    w.setWaker(cx.waker());
                }
                return Poll.pending();
            }
        }

        @Override
        public void cancel() {
            if (done) {
                return;
            }
            done = true;
            synchronized (CancellationToken.this) {
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
            return "CancellationToken.cancelled()" + (done ? " (done)" : "");
        }
    }
}
