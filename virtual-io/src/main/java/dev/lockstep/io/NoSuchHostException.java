package dev.lockstep.io;

import dev.lockstep.future.RuntimeHandle;

/**
 * The address names no host: in simulation, no host of that name was added to the network; in
 * production, the name did not resolve.
 */
public final class NoSuchHostException extends NetException {
    /** See {@link NetException#NetException(String, String, String, RuntimeHandle, Throwable)}. */
    public NoSuchHostException(String what, String host, String peer, RuntimeHandle runtime, Throwable cause) {
        super(what, host, peer, runtime, cause);
    }
}
