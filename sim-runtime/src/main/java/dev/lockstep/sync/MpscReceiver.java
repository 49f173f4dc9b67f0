package dev.lockstep.sync;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Unpin;
import dev.lockstep.internal.sync.MpscChannel;
import dev.lockstep.stream.Stream;
import java.util.Optional;

/**
 * The consumer's end of an {@link Mpsc} channel; also a {@link Stream} of its messages.
 *
 * <h2>Returns</h2>
 * {@link #recv()} is a future of the next message, or of {@code Optional.empty()} once the channel
 * has ended (every sender closed, or this receiver closed, and nothing is left): it never hangs
 * when no sender remains. {@link #pollNext} is the same as a stream.
 *
 * <h2>Waker</h2>
 * A waiting receive stores the waker of its latest poll in the channel's one receiver slot; a
 * send, or the last sender closing, wakes it.
 *
 * <h2>Cancellation</h2>
 * A cancelled {@code recv} loses no message: a message leaves the channel only in a poll that
 * returns it. Cancelling clears the receiver slot, so nothing stays registered. As a stream,
 * {@link #dropWaker()} does the same for a cancelled {@code next()}; cancelling the stream itself
 * (a cancelled {@code collect()}, {@link dev.lockstep.stream.Streams#cancel}) forgets the waker and
 * closes the receiver, as dropping it does in Rust.
 *
 * <h2>After completion</h2>
 * A recv future completes once; polling it again throws {@link IllegalStateException}. The stream
 * keeps returning {@code Ready(empty)} once ended.
 *
 * <h2>Errors</h2>
 * The channel has one consumer: a second receive that waits while another one is waiting throws
 * {@link IllegalStateException}, naming the task, step and replay string.
 *
 * <h2>Determinism</h2>
 * Which waiter is served follows the order of polls and calls, which a simulation draws from the
 * run's choices; nothing here reads time or randomness.
 *
 * <h2>Threads</h2>
 * See {@link Mpsc}: thread-safe; the receiver is meant for one consumer at a time.
 *
 * @param <T> the message type
 */
public final class MpscReceiver<T> implements Stream<T>, Cancellable {
    private final MpscChannel<T> channel;
    /** The token of receives made through the {@link Stream} methods. */
    private final Object streamToken = new Object();

    MpscReceiver(MpscChannel<T> channel) {
        this.channel = channel;
    }

    /** A future of the next message, or empty once the channel ended; see the class comment. */
    public Future<Optional<T>> recv() {
        return new Recv();
    }

    /** A message now, or empty if none is queued (see {@link #isEnded()} to tell an ended channel). */
    public Optional<T> tryRecv() {
        return channel.tryRecv();
    }

    /** Whether no message will ever come: the channel is closed or every sender is gone, and it is drained. */
    public boolean isEnded() {
        return channel.isEnded();
    }

    /**
     * Closes the receiving side: waiting and later sends return {@code false}; queued messages
     * remain receivable, and a receive waiting on the empty channel ends with {@code Optional.empty()}.
     */
    public void close() {
        channel.closeReceiver();
    }

    /** Messages queued now. */
    public int size() {
        return channel.size();
    }

    @Override
    public Poll<Optional<T>> pollNext(Context cx) {
        return channel.pollRecv(streamToken, cx, "MpscReceiver.next()");
    }

    @Override
    public void dropWaker() {
        channel.forget(streamToken);
    }

    /** As a stream: forgets the stored waker and {@linkplain #close() closes} the receiver. */
    @Override
    public void cancel() {
        channel.forget(streamToken);
        close();
    }

    @Override
    public String toString() {
        return "MpscReceiver[" + channel + "]";
    }

    /** One receive; its own token tells it from other receives of the channel. */
    private final class Recv implements Future<Optional<T>>, Cancellable, Unpin {
        /** Identity of this receive in the channel's slot (shared by a relocated copy). */
        private final Object token = new Object();
        private boolean done;

        @Override
        public Poll<Optional<T>> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("MpscReceiver.recv() polled after it completed or was cancelled ("
                        + cx.runtime().describe() + ")");
            }
            Poll<Optional<T>> p = channel.pollRecv(token, cx, "MpscReceiver.recv()");
            done = p.isReady();
            return p;
        }

        @Override
        public void cancel() {
            done = true;
            channel.forget(token);
        }

        @Override
        public String toString() {
            return "MpscReceiver.recv()" + (done ? " (done)" : "");
        }
    }
}
