package dev.lockstep.io.sim;

import dev.lockstep.io.NoSuchHostException;
import java.net.InetSocketAddress;
import java.util.Set;

/**
 * How socket addresses name simulated hosts. A host is addressed by its name, unresolved
 * ({@code InetSocketAddress.createUnresolved("db-1", 5432)}), so nothing ever asks a real DNS.
 * Loopback names ({@code localhost}, {@code 127.0.0.1}, {@code ::1}) mean the host itself, and a
 * bind may also use the wildcard ({@code 0.0.0.0}, {@code ::}), so code written for loopback in
 * production runs unchanged.
 */
final class Addresses {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "0:0:0:0:0:0:0:1");
    private static final Set<String> WILDCARD = Set.of("0.0.0.0", "::", "0:0:0:0:0:0:0:0");

    private Addresses() {}

    /**
     * The host {@code address} names, seen from {@code self}.
     *
     * @throws NoSuchHostException if it names no host of the network
     */
    static SimHost resolve(SimNetwork net, SimHost self, InetSocketAddress address, String operation) {
        String name = address.getHostString();
        if (LOOPBACK.contains(name)) {
            return self;
        }
        SimHost h = net.hostOrNull(name);
        if (h == null) {
            throw new NoSuchHostException(operation + " " + address + ": no host named '" + name + "' in the simulated"
                    + " network (hosts: " + net.hostNames() + "); add it with net.host(\"" + name + "\", main) and"
                    + " address it as InetSocketAddress.createUnresolved(\"" + name + "\", port)", self.name(),
                    name + ":" + address.getPort(), net.runtime(), null);
        }
        return h;
    }

    /**
     * Checks that {@code self} may bind {@code address}: its own name, a loopback name, or the
     * wildcard.
     *
     * @throws NoSuchHostException if it names another host or none
     */
    static void checkLocal(SimNetwork net, SimHost self, InetSocketAddress address, String operation) {
        String name = address.getHostString();
        if (WILDCARD.contains(name) || LOOPBACK.contains(name) || name.equals(self.name())) {
            return;
        }
        throw new NoSuchHostException(operation + " " + address + ": host " + self.name() + " can bind only its own"
                + " name, a loopback address or the wildcard, not '" + name + "'", self.name(), "-", net.runtime(),
                null);
    }
}
