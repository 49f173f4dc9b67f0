package dev.lockstep.sync;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Unpin;
import dev.lockstep.internal.sync.BroadcastState;
import dev.lockstep.internal.sync.Cursor;
import dev.lockstep.internal.sync.Waiter;
import dev.lockstep.stream.Stream;
import java.util.Optional;

/**
 * A receiving handle of a {@link Broadcast} channel; also a {@link Stream} of its
 * {@link Received.Message}s and {@link Received.Lagged}s, ending at {@link Received.Closed}.
 *
 * <h2>Returns</h2>
 * {@link #recv()} is a future of the next {@link Received}: the next message, a
 * {@link Received.Lagged} with the exact number of messages this receiver missed, or
 * {@link Received.Closed} once every sender is closed and the kept messages are read.
 *
 * <h2>Waker</h2>
 * A waiting receive stores the waker of its latest poll in the channel's list of waiting receives;
 * a send wakes them all (each receiver has its own position).
 *
 * <h2>Cancellation</h2>
 * A cancelled receive loses no message: this receiver's position moves only in a poll that returns
 * a result. Its waiting slot is removed. As a stream, {@link #dropWaker()} does the same, and
 * cancelling the stream closes the receiver.
 *
 * <h2>After completion</h2>
 * A recv future completes once; polling it again throws {@link IllegalStateException}.
 *
 * <h2>Closing</h2>
 * {@link #close()} unsubscribes this receiver; senders stop counting it, and its receives return
 * {@link Received.Closed} from then on. Idempotent.
 *
 * <h2>Errors</h2>
 * {@link IllegalStateException} for a poll after completion; lag and the end are results, not
 * errors.
 *
 * <h2>Determinism</h2>
 * Which waiter is served follows the order of polls and calls, which a simulation draws from the
 * run's choices; nothing here reads time or randomness.
 *
 * <h2>Threads</h2>
 * Thread-safe; one task at a time uses a receiver.
 *
 * @param <T> the message type
 */
public final class BroadcastReceiver<T> implements Stream<Received<T>>, Cancellable {
    private final BroadcastState<T> state;
    /** Builds the public results of a receive. */
    private static final BroadcastState.Outcomes<Object, Received<Object>> OUTCOMES = new BroadcastState.Outcomes<>() {
        @Override
        public Received<Object> message(Object value) {
            return new Received.Message<>(value);
        }

        @Override
        public Received<Object> lagged(long missed) {
            return new Received.Lagged<>(missed);
        }

        @Override
        public Received<Object> closed() {
            return new Received.Closed<>();
        }
    };

    /** The number of the next message this receiver reads; guarded by the state's monitor. */
    private final Cursor next;
    /** The stream's waiting slot. */
    private final Waiter[] streamSlot = new Waiter[1];
    private volatile boolean closed;

    BroadcastReceiver(BroadcastState<T> state, long next) {
        this.state = state;
        this.next = new Cursor(next);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Poll<Received<T>> receive(Waiter[] slot, Context cx) {
        return state.poll(closed, next, slot, cx, (BroadcastState.Outcomes<T, Received<T>>) (BroadcastState.Outcomes) OUTCOMES);
    }

    /** A future of the next result; see the class comment. */
    public Future<Received<T>> recv() {
        return new Recv();
    }

    /** Messages this receiver can read now without waiting (those lost to lag not counted). */
    public long pending() {
        synchronized (state) {
            return state.pending(next.get());
        }
    }

    /** Another receiver at the same position. */
    public BroadcastReceiver<T> resubscribe() {
        BroadcastReceiver<T> other = new BroadcastReceiver<>(state, state.subscribe());
        synchronized (state) {
            other.next.set(next.get());
        }
        return other;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Unsubscribes; see the class comment. */
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        state.forget(streamSlot);
        state.unsubscribe();
    }

    @Override
    public Poll<Optional<Received<T>>> pollNext(Context cx) {
        return receive(streamSlot, cx).map(r -> r instanceof Received.Closed ? Optional.empty() : Optional.of(r));
    }

    @Override
    public void dropWaker() {
        state.forget(streamSlot);
    }

    /** As a stream: {@linkplain #close() closes} the receiver, forgetting its stored waker. */
    @Override
    public void cancel() {
        close();
    }

    @Override
    public String toString() {
        return "BroadcastReceiver[at " + next + ", " + state + "]";
    }

    private final class Recv implements Future<Received<T>>, Cancellable, Unpin {
        private final Waiter[] slot = new Waiter[1];
        private boolean done;

        @Override
        public Poll<Received<T>> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("BroadcastReceiver.recv() polled after it completed or was cancelled ("
                        + cx.runtime().describe() + ")");
            }
            Poll<Received<T>> p = receive(slot, cx);
            done = p.isReady();
            return p;
        }

        @Override
        public void cancel() {
            if (!done) {
                done = true;
                state.forget(slot);
            }
        }

        @Override
        public String toString() {
            return "BroadcastReceiver.recv()" + (done ? " (done)" : "");
        }
    }
}
