package dev.lockstep.io.nio;

import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.io.AddressInUseException;
import dev.lockstep.io.ConnectionRefusedException;
import dev.lockstep.io.ConnectionResetException;
import dev.lockstep.io.NetException;
import dev.lockstep.io.NoSuchHostException;
import dev.lockstep.io.SocketClosedException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/**
 * Translates the JDK's socket exceptions into Lockstep's {@link NetException} family, so code
 * handles the same exceptions in simulation and production. The JDK's exception is the cause.
 */
final class NioErrors {
    private NioErrors() {}

    static NetException map(IOException e, String operation, String host, String peer, RuntimeHandle rt) {
        String message = String.valueOf(e.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        String what = operation + ": " + message;
        if (isRefusal(e)) {
            return new ConnectionRefusedException("connection refused: " + what, host, peer, rt, e);
        }
        if (e instanceof BindException) {
            if (lower.contains("permission denied")) {
                // EACCES: a privileged port, or a policy; no other socket holds the address.
                return new NetException("permission denied: " + what, host, peer, rt, e);
            }
            return new AddressInUseException("address in use: " + what, host, peer, rt, e);
        }
        if (e instanceof ClosedChannelException) {
            return new SocketClosedException(operation + " after the socket was closed", host, peer, rt, e);
        }
        if (e instanceof UnknownHostException) {
            return new NoSuchHostException("unknown host: " + what, host, peer, rt, e);
        }
        if (lower.contains("reset") || lower.contains("broken pipe") || lower.contains("aborted")) {
            return new ConnectionResetException("connection reset: " + what, host, peer, rt, e);
        }
        return new NetException(operation + " failed: " + e, host, peer, rt, e);
    }

    /**
     * Whether {@code e} says that the peer refused a connection ({@code ECONNREFUSED}). The JDK
     * throws {@link ConnectException} also for a connect that timed out ({@code ETIMEDOUT}: no
     * answer to the handshake), which is no refusal: it stays a plain {@link NetException}.
     */
    static boolean isRefusal(IOException e) {
        return e instanceof ConnectException
                && !String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("timed out");
    }

    /**
     * A failed bind of {@code local}: as {@link #map}, except that {@code EADDRNOTAVAIL} (the
     * address is none of this machine's) is a {@link NoSuchHostException}, as in the simulation.
     */
    static NetException bindFailure(IOException e, String operation, InetSocketAddress local, RuntimeHandle rt) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof BindException && message.toLowerCase(Locale.ROOT).contains("assign requested address")) {
            return new NoSuchHostException(operation + ": " + local + " is not an address of this machine (" + message
                    + "); bind a local address, the loopback or the wildcard", String.valueOf(local), "-", rt, e);
        }
        return map(e, operation, String.valueOf(local), "-", rt);
    }

    /**
     * {@code address}, resolved if it was created unresolved. Resolution asks the system resolver
     * and may block; production code normally passes resolved addresses.
     */
    static InetSocketAddress resolve(InetSocketAddress address, String operation, RuntimeHandle rt) {
        if (!address.isUnresolved()) {
            return address;
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(address.getHostString()), address.getPort());
        } catch (UnknownHostException e) {
            throw new NoSuchHostException(operation + " " + address + ": host '" + address.getHostString()
                    + "' does not resolve", "local", address.toString(), rt, e);
        }
    }
}
