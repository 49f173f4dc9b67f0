package dev.lockstep.sync;

import dev.lockstep.internal.sync.MpscChannel;

/**
 * A multi-producer, single-consumer channel, like tokio's {@code mpsc}: a first
 * {@link MpscSender} (clone it for more producers) and the one {@link MpscReceiver}.
 *
 * <pre>{@code
 * Mpsc<String> ch = Mpsc.bounded(16);
 * sim.spawn("producer", Async.async(a -> { a.await(ch.sender().send("hello")); ch.sender().close(); return null; }));
 * Optional<String> first = a.await(ch.receiver().recv());   // Optional.of("hello"), later Optional.empty()
 * }</pre>
 *
 * <h2>Bounded and unbounded</h2>
 * {@link #bounded(int)} holds at most {@code capacity} messages: a send waits for a free slot
 * (backpressure), and waiting sends get slots in the order they first waited. {@link #unbounded()}
 * never waits to send.
 *
 * <h2>Ordering</h2>
 * Messages are received exactly once, in the order their sends completed; the messages of one
 * sender that awaits each send before the next arrive in the order sent.
 *
 * <h2>Closing</h2>
 * The channel ends for the receiver when every sender handle is closed and no send future is left
 * (or the receiver closed it), after the queued messages: {@code recv()} then returns
 * {@code Optional.empty()} at once, never hangs. Closing the receiver makes every waiting and later
 * send return {@code false} without sending; queued messages can still be received.
 *
 * <h2>Threads</h2>
 * Thread-safe: senders may run on other threads than the receiver (on {@code RealRuntime}, a
 * sender in another runtime or a plain thread using {@link MpscSender#trySend}); wakers are woken
 * after the channel's lock is released. In a simulation every use must stay on the simulation's
 * thread (a wake from another thread is reported as nondeterminism).
 *
 * @param sender   the first sender
 * @param receiver the receiver
 * @param <T>      the message type ({@code null} is not a message)
 */
public record Mpsc<T>(MpscSender<T> sender, MpscReceiver<T> receiver) {

    /**
     * A channel holding at most {@code capacity} messages.
     *
     * @throws IllegalArgumentException if {@code capacity < 1} or {@code capacity == Integer.MAX_VALUE}
     *         (that value means unbounded: use {@link #unbounded()})
     */
    public static <T> Mpsc<T> bounded(int capacity) {
        if (capacity < 1 || capacity == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Mpsc.bounded: capacity must be between 1 and "
                    + (Integer.MAX_VALUE - 1) + ", got " + capacity + " (Mpsc.unbounded() has no limit)");
        }
        return of(new MpscChannel<>(capacity));
    }

    /** A channel without a limit: sends never wait. */
    public static <T> Mpsc<T> unbounded() {
        return of(new MpscChannel<>(Integer.MAX_VALUE));
    }

    private static <T> Mpsc<T> of(MpscChannel<T> ch) {
        return new Mpsc<>(new MpscSender<>(ch), new MpscReceiver<>(ch));
    }
}
