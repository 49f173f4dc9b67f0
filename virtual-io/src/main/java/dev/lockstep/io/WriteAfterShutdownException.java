package dev.lockstep.io;

import dev.lockstep.future.RuntimeHandle;

/**
 * A write after {@code shutdownOutput()}: this side already sent end-of-stream, so the peer would
 * never read the data.
 */
public final class WriteAfterShutdownException extends NetException {
    /** See {@link NetException#NetException(String, String, String, RuntimeHandle, Throwable)}. */
    public WriteAfterShutdownException(String what, String host, String peer, RuntimeHandle runtime, Throwable cause) {
        super(what, host, peer, runtime, cause);
    }
}
