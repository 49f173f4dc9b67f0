package dev.lockstep.benchmarks.network;

import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.io.TcpStream;
import java.nio.ByteBuffer;

/**
 * The client of the echo row, as a hand-written poll state machine: it writes a
 * {@value #MESSAGE}-byte message, reads until the whole echo is back, checks it, and repeats;
 * after the last round trip it shuts its output down, which ends the server's loop. Each message
 * carries its round trip's number in its first 8 bytes, so an echo that is lost, repeated or out
 * of order fails the run.
 *
 * <h2>Returns</h2>
 * {@code Pending} while a write waits for room or a read for data; {@code Ready(roundTrips)}
 * after the last echo.
 *
 * <h2>Waker</h2>
 * Stores none: the read or write in progress registers the polling task with the reactor.
 *
 * <h2>Errors</h2>
 * {@link IllegalStateException} if the server ends the stream early or echoes other bytes; what
 * the socket futures throw, unchanged.
 */
final class EchoClient implements Future<Integer> {
    /** Bytes per message. */
    static final int MESSAGE = 64;

    private final TcpStream stream;
    private final int roundTrips;
    private final ByteBuffer out = ByteBuffer.allocate(MESSAGE);
    private final ByteBuffer in = ByteBuffer.allocate(MESSAGE);
    private int done;
    /** The write in progress, or null. */
    private Future<Void> writing;
    /** The read in progress, or null. */
    private Future<Integer> reading;

    EchoClient(TcpStream stream, int roundTrips) {
        this.stream = stream;
        this.roundTrips = roundTrips;
    }

    @Override
    public Poll<Integer> poll(Context cx) {
        while (true) {
            if (writing != null) {
                if (writing.poll(cx).isPending()) {
                    return Poll.pending();
                }
                writing = null;
                reading = stream.read(in.clear());
            }
            if (reading != null) {
                Poll<Integer> read = reading.poll(cx);
                if (read.isPending()) {
                    return Poll.pending();
                }
                reading = null;
                if (read.value() < 0) {
                    throw new IllegalStateException("the echo server ended the stream after " + done + " of "
                            + roundTrips + " round trips");
                }
                if (in.hasRemaining()) {
                    reading = stream.read(in);
                    continue;
                }
                if (in.getLong(0) != done) {
                    throw new IllegalStateException("round trip " + done + " got back the message of round trip "
                            + in.getLong(0));
                }
                if (++done == roundTrips) {
                    stream.shutdownOutput();
                    return Poll.ready(done);
                }
            }
            out.clear().putLong(0, done);
            writing = stream.writeAll(out);
        }
    }
}
