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
 * @param label    how the trace names it: {@code udp#id :fromPort -> :toPort}
 */
record Datagram(long id, String from, int fromPort, String to, int toPort, byte[] payload, String label) {
    Datagram {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(label, "label");
    }

    /** A datagram labelled from its id and ports. */
    static Datagram of(long id, String from, int fromPort, String to, int toPort, byte[] payload) {
        return new Datagram(id, from, fromPort, to, toPort, payload, "udp#" + id + " :" + fromPort + " -> :" + toPort);
    }
}
