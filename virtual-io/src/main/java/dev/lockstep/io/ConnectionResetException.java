package dev.lockstep.io;

import dev.lockstep.future.RuntimeHandle;

/**
 * The connection was reset: the peer crashed, closed abruptly ({@code SO_LINGER 0}), closed (or
 * its process was killed) with received bytes unread, or received data on a socket it had
 * closed. Data not yet read is lost; every later read or write of the stream fails the same way.
 */
public final class ConnectionResetException extends NetException {
    /** See {@link NetException#NetException(String, String, String, RuntimeHandle, Throwable)}. */
    public ConnectionResetException(String what, String host, String peer, RuntimeHandle runtime, Throwable cause) {
        super(what, host, peer, runtime, cause);
    }
}
