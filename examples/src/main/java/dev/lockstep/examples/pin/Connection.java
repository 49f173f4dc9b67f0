package dev.lockstep.examples.pin;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The receiving end of a simulated connection, callback style (as a Netty channel or an NIO
 * completion handler): the network {@linkplain #receive delivers} byte chunks, and a reader
 * {@linkplain #onData registers} the handler that gets them.
 *
 * <h2>Ordering</h2>
 * Each chunk goes to every registered handler, in registration order, as soon as it arrives;
 * chunks that arrive before a handler is registered are handed to it, in order, when it is.
 *
 * <h2>Threads</h2>
 * Not thread-safe: it belongs to the tasks of one executor.
 */
public final class Connection {
    /** Every chunk received, in arrival order; replayed to handlers registered late. */
    private final List<byte[]> received = new ArrayList<>();
    /** The registered read handlers, in registration order; each is called for every chunk. */
    private final List<Consumer<byte[]>> handlers = new ArrayList<>();

    /** Registers {@code handler} for every chunk, starting with those already received. */
    public void onData(Consumer<byte[]> handler) {
        handlers.add(handler);
        for (byte[] chunk : received) {
            handler.accept(chunk.clone());
        }
    }

    /** A chunk arrives from the network: every handler gets a copy of it now. */
    public void receive(byte[] chunk) {
        received.add(chunk.clone());
        for (Consumer<byte[]> h : handlers) {
            h.accept(chunk.clone());
        }
    }
}
