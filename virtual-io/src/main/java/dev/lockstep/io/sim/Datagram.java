package dev.lockstep.io.sim;

import java.util.Objects;

/**
 * One datagram on the simulated network.
 *
 * @param id       its number in the run, shown in trace details ({@code udp#id})
 * @param from     sending host
 * @param fromPort sending port
 * @param to       receiving host
 * @param toPort   receiving port
 * @param payload  the bytes (not copied: the network never changes them)
 */
record Datagram(long id, String from, int fromPort, String to, int toPort, byte[] payload) {
    Datagram {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(payload, "payload");
    }

    String label() {
        return "udp#" + id + " :" + fromPort + " -> :" + toPort;
    }
}
