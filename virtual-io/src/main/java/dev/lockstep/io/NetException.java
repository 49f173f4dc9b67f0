package dev.lockstep.io;

import dev.lockstep.future.RuntimeHandle;
import java.util.Objects;

/**
 * A socket operation failed. The same exceptions are thrown by the simulated network and by the
 * real NIO backend, so code that handles them is tested in simulation as it runs in production.
 *
 * <p>The family: {@link ConnectionRefusedException}, {@link ConnectionResetException},
 * {@link SocketClosedException}, {@link AddressInUseException},
 * {@link WriteAfterShutdownException}, {@link NoSuchHostException}. An I/O error of the real
 * backend that fits none of them is a plain {@code NetException} with the original
 * {@link java.io.IOException} as its cause.
 *
 * <h2>Message</h2>
 * Every message says what failed, the {@linkplain #host() host} whose socket it was, the
 * {@linkplain #peer() peer}, and where the run was: task, step, time and, in a simulation, the
 * replay string that reproduces it ({@link RuntimeHandle#describe()}).
 */
public class NetException extends RuntimeException {
    private final String host;
    private final String peer;
    private final long nanos;

    /**
     * @param what    what went wrong, e.g. {@code "connection refused"}
     * @param host    the host (or local address) whose socket failed
     * @param peer    the other end, or {@code "-"} when there is none
     * @param runtime the runtime the operation ran on, for the time and the run's description
     * @param cause   the underlying exception, or {@code null}
     */
    public NetException(String what, String host, String peer, RuntimeHandle runtime, Throwable cause) {
        super(what + "\n  host " + host + ", peer " + peer + "\n  at " + runtime.describe(), cause);
        this.host = Objects.requireNonNull(host, "host");
        this.peer = Objects.requireNonNull(peer, "peer");
        this.nanos = runtime.nanos();
    }

    /** The host (in simulation its name, in production the local address) whose socket failed. */
    public String host() {
        return host;
    }

    /** The other end (host and port), or {@code "-"} when the socket has none. */
    public String peer() {
        return peer;
    }

    /** The runtime's clock when the operation failed, in nanoseconds (virtual in a simulation). */
    public long nanos() {
        return nanos;
    }
}
