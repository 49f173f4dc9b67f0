package dev.lockstep.examples.kvstore;

import static dev.lockstep.async.Async.async;

import dev.lockstep.future.Future;
import dev.lockstep.io.TcpStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One end of a connection that carries {@link KvMessage}s, one line each, over a
 * {@link TcpStream}.
 *
 * <h2>Returns</h2>
 * {@link #receive} completes with the next message, or empty once the peer ended the stream
 * after a whole message. A message may arrive split over several reads, or several in one read;
 * bytes after the first line stay buffered here for the next {@code receive}.
 *
 * <h2>Cancellation</h2>
 * A cancelled {@code receive} (a timeout around it, a crash) loses nothing: bytes read so far stay
 * in this connection's buffer, and the stream's read takes no bytes when it is cancelled. A
 * cancelled {@link #send} may have written part of its line; the connection should then be
 * closed.
 *
 * <h2>Threads</h2>
 * One task receives at a time, and one task sends at a time (they may be two different tasks).
 *
 * <h2>Errors</h2>
 * The stream's {@link dev.lockstep.io.NetException}s come out unchanged. A line that is no message,
 * a line longer than {@link KvCodec#MAX_LINE}, or a stream that ends in the middle of a line is an
 * {@link IllegalArgumentException}.
 */
public final class KvConnection {
    private final TcpStream stream;
    /** Bytes received and not yet taken as a line, in write mode: {@code [0, position)} is data. */
    private final ByteBuffer in = ByteBuffer.allocate(KvCodec.MAX_LINE);

    /** A connection over {@code stream}, which it now owns. */
    public KvConnection(TcpStream stream) {
        this.stream = stream;
    }

    /** Connects to {@code address}; see {@link TcpStream#connect}. */
    public static Future<KvConnection> connect(InetSocketAddress address) {
        return TcpStream.connect(address).map(KvConnection::new);
    }

    /** Writes {@code message}'s line, waiting for room in the send buffer as needed. */
    public Future<Void> send(KvMessage message) {
        return stream.writeAll(ByteBuffer.wrap(KvCodec.encode(message)));
    }

    /** The next message, or empty at the end of the stream; see the class doc. */
    public Future<Optional<KvMessage>> receive() {
        return async(a -> {
            while (true) {
                Optional<String> line = takeLine();
                if (line.isPresent()) {
                    return Optional.of(KvCodec.decode(line.get()));
                }
                if (!in.hasRemaining()) {
                    throw new IllegalArgumentException("a line longer than " + KvCodec.MAX_LINE + " bytes from "
                            + stream.peerAddress());
                }
                if (a.await(stream.read(in)) < 0) {
                    if (in.position() > 0) {
                        throw new IllegalArgumentException("the stream from " + stream.peerAddress()
                                + " ended in the middle of a line");
                    }
                    return Optional.empty();
                }
            }
        });
    }

    /** Closes the stream (orderly: end-of-stream after what was sent). */
    public void close() {
        stream.close();
    }

    /** The other end's address. */
    public InetSocketAddress peer() {
        return stream.peerAddress();
    }

    /** Takes the first buffered line, without its newline, if a whole one is buffered. */
    private Optional<String> takeLine() {
        for (int i = 0; i < in.position(); i++) {
            if (in.get(i) == '\n') {
                String line = new String(in.array(), 0, i, StandardCharsets.US_ASCII);
                in.flip().position(i + 1);
                in.compact();
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "KvConnection[" + stream + "]";
    }
}
