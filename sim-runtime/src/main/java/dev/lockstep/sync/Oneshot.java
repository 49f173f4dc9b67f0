package dev.lockstep.sync;

import dev.lockstep.internal.sync.OneshotState;

/**
 * A channel for one value, like tokio's {@code oneshot}: a {@link OneshotSender} and a
 * {@link OneshotReceiver}.
 *
 * <pre>{@code
 * Oneshot<Integer> reply = Oneshot.create();
 * sim.spawn("worker", Async.async(a -> { reply.sender().send(compute()); return null; }));
 * Optional<Integer> answer = a.await(reply.receiver().recv());   // empty if the worker closed the sender
 * }</pre>
 *
 * <h2>Closing</h2>
 * {@link OneshotSender#close()} without a send (a task that gives up) ends the receive with
 * {@code Optional.empty()}; {@link OneshotReceiver#close()} makes a later send return
 * {@code false}. Java has no drop: a sender that is neither used nor closed leaves its receiver
 * waiting (a simulation reports that as a deadlock).
 *
 * <h2>Threads</h2>
 * Thread-safe: the sender may be used on another thread than the receiver (on {@code RealRuntime});
 * in a simulation every use stays on its thread.
 *
 * @param sender   the sending end
 * @param receiver the receiving end
 * @param <T>      the value type
 */
public record Oneshot<T>(OneshotSender<T> sender, OneshotReceiver<T> receiver) {

    /** A new channel. */
    public static <T> Oneshot<T> create() {
        OneshotState<T> state = new OneshotState<>();
        return new Oneshot<>(new OneshotSender<>(state), new OneshotReceiver<>(state));
    }
}
