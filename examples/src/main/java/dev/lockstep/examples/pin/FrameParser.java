package dev.lockstep.examples.pin;

import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Unpin;
import dev.lockstep.future.Waker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the frames of one {@link Connection} (see {@link Frames} for the format) until the end
 * marker, and completes with them. Declared {@link Unpin}: an executor or combinator may move it
 * to a copy between polls.
 *
 * <h2>Returns</h2>
 * The frames' texts in the order they were sent, once the end marker has arrived.
 *
 * <h2>Waker</h2>
 * The first poll registers a read handler with the connection; the handler wakes the waker of the
 * parser's latest {@code Pending} poll whenever a chunk arrives.
 *
 * <h2>The planted bug</h2>
 * The buggy variant's read handler is a method reference to the parser itself
 * ({@code this::onData}) that appends to an array in the parser's own field: the parser refers to
 * itself through the connection, so it is not movable, although it says it is. Moved to a copy
 * after its first poll, the handler keeps filling the old instance and the copy waits forever. The
 * fixed variant keeps the received bytes and the waker in a {@link ReadBuffer} that the handler
 * refers to and every copy shares, so a move is harmless. (Dropping {@code Unpin} would be the
 * other fix: then nothing moves it.)
 */
public final class FrameParser implements Future<List<String>>, Unpin {
    private final Connection connection;
    private final boolean buggy;
    /** Fixed variant: received bytes and the waker, shared by every copy of this parser. */
    private final ReadBuffer shared = new ReadBuffer();
    /** Buggy variant: every byte received, in an array the read handler replaces. */
    private byte[] received = new byte[0];
    /** Buggy variant: the waker of the latest {@code Pending}, or null before the first. */
    private Waker waker;
    /** Frames parsed so far, in order. */
    private final List<String> frames = new ArrayList<>();
    /** How many received bytes were parsed into {@link #frames}. */
    private int consumed;
    private boolean registered;

    /**
     * A parser of {@code connection}'s frames.
     *
     * @param buggy plants the self-referential read handler
     */
    public FrameParser(Connection connection, boolean buggy) {
        this.connection = connection;
        this.buggy = buggy;
    }

    @Override
    public Poll<List<String>> poll(Context cx) {
        if (!registered) {
            registered = true;
            connection.onData(buggy ? this::onData : shared::onData);
        }
        byte[] data = buggy ? received : shared.bytes();
        int length = buggy ? received.length : shared.length();
        while (consumed < length) {
            int size = data[consumed] & 0xff;
            if (size == 0) {
                consumed++;
                return Poll.ready(List.copyOf(frames));
            }
            if (consumed + 1 + size > length) {
                break;
            }
            frames.add(new String(data, consumed + 1, size, StandardCharsets.UTF_8));
            consumed += 1 + size;
        }
        if (buggy) {
            waker = cx.waker();
        } else {
            shared.waker = cx.waker();
        }
        return Poll.pending();
    }

    /** The buggy variant's read handler: bound to this instance, so only this instance sees the bytes. */
    private void onData(byte[] chunk) {
        byte[] more = Arrays.copyOf(received, received.length + chunk.length);
        System.arraycopy(chunk, 0, more, received.length, chunk.length);
        received = more;
        if (waker != null) {
            waker.wakeByRef();
        }
    }
}
