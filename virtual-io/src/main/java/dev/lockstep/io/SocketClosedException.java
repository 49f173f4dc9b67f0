package dev.lockstep.io;

import dev.lockstep.future.RuntimeHandle;

/**
 * The socket was closed by this side ({@code close()}), or belonged to a simulated host that
 * crashed, or whose process was killed, since.
 */
public final class SocketClosedException extends NetException {
    /** See {@link NetException#NetException(String, String, String, RuntimeHandle, Throwable)}. */
    public SocketClosedException(String what, String host, String peer, RuntimeHandle runtime, Throwable cause) {
        super(what, host, peer, runtime, cause);
    }
}
