package dev.lockstep.examples.pin;

import dev.lockstep.future.Waker;
import java.util.Arrays;

/**
 * Bytes a connection delivered, and the waker of the reader waiting for more: the fixed
 * {@link FrameParser}'s read state, kept in an object of its own so that the connection's read
 * handler refers to this object and not to the parser.
 */
final class ReadBuffer {
    private byte[] bytes = new byte[64];
    /** How many bytes of {@link #bytes} hold received data; never more than its length. */
    private int length;
    /** The waker of the reader's latest {@code Pending}, or null before it first waits. */
    Waker waker;

    /** Appends {@code chunk} and wakes the waiting reader: the connection's read handler. */
    void onData(byte[] chunk) {
        if (length + chunk.length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + chunk.length));
        }
        System.arraycopy(chunk, 0, bytes, length, chunk.length);
        length += chunk.length;
        if (waker != null) {
            waker.wakeByRef();
        }
    }

    /** The backing array; bytes {@code 0..length()-1} are the data received. */
    byte[] bytes() {
        return bytes;
    }

    /** Bytes received so far. */
    int length() {
        return length;
    }
}
