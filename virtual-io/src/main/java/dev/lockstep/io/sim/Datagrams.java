package dev.lockstep.io.sim;

import dev.lockstep.choice.ChoiceSource;

/**
 * The UDP side of the simulated network: each datagram is traced when sent, may be lost,
 * duplicated or delayed past later ones (each a choice of the run, with the link's
 * probabilities), and at its arrival is delivered, held, or dropped.
 *
 * <h2>Accounting</h2>
 * Nothing disappears silently: for every link, {@code send + duplicate = deliver + drop} once
 * nothing is in flight or held, counting trace events of those kinds with {@code udp#} details,
 * where {@code drop} counts the copies lost before they arrived. A drop's detail says why:
 * {@code loss}, {@code partition}, {@code host down} (crashed), {@code nothing bound} (also at a
 * host whose process was killed),
 * {@code receive queue full}. A delivered copy is then either received by the application or
 * dropped unread, when its socket closes ({@code socket closed with the datagram unread}), its
 * host's process is killed ({@code process of host ... killed with the datagram unread}) or its
 * host crashes ({@code host ... crashed with the datagram unread}).
 */
final class Datagrams {
    private final SimNetwork net;
    private long nextId;

    Datagrams(SimNetwork net) {
        this.net = net;
    }

    void send(SimUdpSocket from, SimHost to, int port, byte[] payload) {
        Datagram d = Datagram.of(nextId++, from.host.name(), from.port, to.name(), port, payload);
        Link link = net.directed(d.from(), d.to());
        LinkConfig c = link.config();
        ChoiceSource choices = net.runtime().choices();
        net.trace(d.from(), d.to(), "send", payload.length, d.label());
        if (c.loss() > 0 && choices.chance(c.loss())) {
            net.trace(d.from(), d.to(), "drop", payload.length, d.label() + ": loss");
            return;
        }
        int copies = 1;
        if (c.duplicate() > 0 && choices.chance(c.duplicate())) {
            copies = 2;
            net.trace(d.from(), d.to(), "duplicate", payload.length, d.label());
        }
        for (int i = 0; i < copies; i++) {
            long at = link.arrival(payload.length, true);
            if (c.reorder() > 0 && choices.chance(c.reorder())) {
                long extra = link.reorderDelay();
                at += extra;
                net.trace(d.from(), d.to(), "reorder", payload.length, d.label() + ": +" + extra + "ns");
            }
            schedule(link, d, at);
        }
    }

    /** Delivers {@code d} over {@code link} at virtual time {@code at}. */
    void schedule(Link link, Datagram d, long at) {
        net.runtime().runAt(at, () -> arrive(link, d));
    }

    private void arrive(Link link, Datagram d) {
        int size = d.payload().length;
        if (link.partitioned) {
            net.trace(d.from(), d.to(), "drop", size, d.label() + ": partition");
            return;
        }
        if (link.held) {
            link.heldDatagrams.add(d);
            return;
        }
        SimHost to = net.host(d.to());
        if (!to.isUp() && !to.isKilled()) {
            net.trace(d.from(), d.to(), "drop", size, d.label() + ": host down");
            return;
        }
        SimUdpSocket socket = to.udp(d.toPort());
        if (socket == null) {
            net.trace(d.from(), d.to(), "drop", size, d.label() + ": nothing bound on :" + d.toPort());
            return;
        }
        socket.deliver(d);
    }
}
