package dev.lockstep.io;

import dev.lockstep.future.RuntimeHandle;

/**
 * Nothing listens at the address a connection was made to (the peer answered with a reset to the
 * handshake).
 */
public final class ConnectionRefusedException extends NetException {
    /** See {@link NetException#NetException(String, String, String, RuntimeHandle, Throwable)}. */
    public ConnectionRefusedException(String what, String host, String peer, RuntimeHandle runtime, Throwable cause) {
        super(what, host, peer, runtime, cause);
    }
}
