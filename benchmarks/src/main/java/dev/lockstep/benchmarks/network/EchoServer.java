package dev.lockstep.benchmarks.network;

import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.io.TcpStream;
import java.nio.ByteBuffer;

/**
 * The server of the echo row, as a hand-written poll state machine: it writes back whatever it
 * reads on one connection until the end of the stream, then closes the connection.
 *
 * <h2>Returns</h2>
 * {@code Pending} while a read waits for data or a write for room; {@code Ready(bytes echoed)}
 * once the client has shut its output down.
 *
 * <h2>Waker</h2>
 * Stores none: the read or write in progress registers the polling task with the reactor.
 */
final class EchoServer implements Future<Long> {
    private final TcpStream stream;
    private final ByteBuffer buf = ByteBuffer.allocate(1024);
    private long echoed;
    /** The read in progress, or null. */
    private Future<Integer> reading;
    /** The write in progress, or null. */
    private Future<Void> writing;

    EchoServer(TcpStream stream) {
        this.stream = stream;
    }

    @Override
    public Poll<Long> poll(Context cx) {
        while (true) {
            if (writing != null) {
                if (writing.poll(cx).isPending()) {
                    return Poll.pending();
                }
                writing = null;
            }
            if (reading == null) {
                reading = stream.read(buf.clear());
            }
            Poll<Integer> read = reading.poll(cx);
            if (read.isPending()) {
                return Poll.pending();
            }
            reading = null;
            if (read.value() < 0) {
                stream.close();
                return Poll.ready(echoed);
            }
            echoed += read.value();
            writing = stream.writeAll(buf.flip());
        }
    }
}
