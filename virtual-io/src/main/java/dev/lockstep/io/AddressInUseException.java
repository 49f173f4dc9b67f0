package dev.lockstep.io;

import dev.lockstep.future.RuntimeHandle;

/**
 * Another socket of the same kind is already bound to the address and port.
 */
public final class AddressInUseException extends NetException {
    /** See {@link NetException#NetException(String, String, String, RuntimeHandle, Throwable)}. */
    public AddressInUseException(String what, String host, String peer, RuntimeHandle runtime, Throwable cause) {
        super(what, host, peer, runtime, cause);
    }
}
