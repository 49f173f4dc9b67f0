package dev.lockstep.sync;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Unpin;
import dev.lockstep.internal.sync.OneshotState;
import java.util.Optional;

/**
 * The receiving end of a {@link Oneshot}.
 *
 * <h2>Returns</h2>
 * {@link #recv()} is a future of the value, or of {@code Optional.empty()} if the sender was closed
 * without sending (or this receiver was closed first). It never hangs once the sender is closed.
 *
 * <h2>Waker</h2>
 * A waiting receive stores the waker of its latest poll; the send or the sender's close wakes it.
 *
 * <h2>Cancellation</h2>
 * A cancelled receive loses nothing: the value stays in the channel for a later {@code recv()} or
 * {@link #tryRecv()}; the stored waker is forgotten.
 *
 * <h2>After completion</h2>
 * A recv future completes once; polling it again throws {@link IllegalStateException}.
 *
 * <h2>Errors</h2>
 * Receiving the value a second time (another {@code recv()} after one returned it), or a second
 * receive that waits while another one is waiting, throws {@link IllegalStateException}, naming
 * the task, step and replay string. {@link #tryRecv()} never throws.
 *
 * <h2>Determinism</h2>
 * Which waiter is served follows the order of polls and calls, which a simulation draws from the
 * run's choices; nothing here reads time or randomness.
 *
 * <h2>Threads</h2>
 * Thread-safe; see {@link Oneshot}.
 *
 * @param <T> the value type
 */
public final class OneshotReceiver<T> {
    private final OneshotState<T> state;

    OneshotReceiver(OneshotState<T> state) {
        this.state = state;
    }

    /** A future of the value; see the class comment. */
    public Future<Optional<T>> recv() {
        return new Recv();
    }

    /** The value if it was sent and not yet received, else empty. */
    public Optional<T> tryRecv() {
        return state.tryRecv();
    }

    /**
     * Refuses the value: a later send returns {@code false}, and a receive waiting for it ends with
     * {@code Optional.empty()}. A value already sent stays receivable.
     */
    public void close() {
        state.closeReceiver();
    }

    @Override
    public String toString() {
        return "OneshotReceiver[" + state + "]";
    }

    private final class Recv implements Future<Optional<T>>, Cancellable, Unpin {
        /** Identity of this receive in the state's waiting slot. */
        private final Object token = new Object();
        private boolean done;

        @Override
        public Poll<Optional<T>> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("OneshotReceiver.recv() polled after it completed or was cancelled ("
                        + cx.runtime().describe() + ")");
            }
            Poll<Optional<T>> p = state.poll(token, cx);
            done = p.isReady();
            return p;
        }

        @Override
        public void cancel() {
            if (!done) {
                done = true;
                state.forget(token);
            }
        }

        @Override
        public String toString() {
            return "OneshotReceiver.recv()" + (done ? " (done)" : "");
        }
    }
}
