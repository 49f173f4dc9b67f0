package dev.lockstep.io.sim;

import dev.lockstep.future.TimerRegistration;
import java.util.ArrayDeque;

/**
 * One direction of a TCP connection: the segments in flight from one socket to the other, in
 * order. TCP is reliable and ordered here by construction: a segment never arrives before the
 * one sent ahead of it, and a fault stalls the whole direction instead of losing a segment.
 *
 * <h2>States</h2>
 * Idle (nothing in flight); scheduled (a delivery action is set for the first segment's
 * arrival); parked (the link is partitioned or held: waiting in {@link Link#stalled} until it
 * resumes, when every segment is re-timed from that moment).
 *
 * <h2>Target</h2>
 * The socket at the other end, or null while a SYN is on its way: the SYN is delivered to the
 * host and port, and the listener's new socket becomes the target.
 */
final class Pipe {
    private final SimNetwork net;
    final Link link;
    /** The connection's number in the run, shared by both directions (trace: {@code tcp#n}). */
    final long connection;
    /** The sending socket: the connecting one for the SYN; null for the reply to a refused SYN. */
    final SimTcpStream source;
    /** The receiving socket; null until the SYN is accepted, or for ever if it is refused. */
    SimTcpStream target;
    /** The port a SYN is for. */
    final int targetPort;
    /** {@code tcp#n}, made once: it labels every traced segment. */
    private final String label;
    private final ArrayDeque<Segment> inFlight = new ArrayDeque<>();
    private long lastArrival;
    private TimerRegistration timer;
    private boolean parked;

    Pipe(SimNetwork net, Link link, long connection, SimTcpStream source, SimTcpStream target, int targetPort) {
        this.net = net;
        this.connection = connection;
        this.link = link;
        this.source = source;
        this.target = target;
        this.targetPort = targetPort;
        this.label = "tcp#" + connection;
    }

    /** Sends {@code s}: it arrives after the link's delay, and after every segment sent before it. */
    void push(Segment s) {
        s.arrival = Math.max(link.arrival(s.size(), s.kind != Segment.Kind.ACK), lastArrival);
        lastArrival = s.arrival;
        inFlight.add(s);
        if (timer == null && !parked) {
            timer = net.runtime().runAt(s.arrival, this::deliverDue);
        }
    }

    private void deliverDue() {
        timer = null;
        long now = net.runtime().nanos();
        while (!inFlight.isEmpty() && inFlight.peek().arrival <= now) {
            if (link.blocked()) {
                park();
                return;
            }
            Segment s = inFlight.poll();
            if (s.kind == Segment.Kind.SYN) {
                net.tcp().onSyn(this);
            } else if (target != null) {
                target.onSegment(s);
            } else if (s.kind != Segment.Kind.ACK) {
                net.trace(link.from, link.to, "drop", s.size(), label() + ": " + s.kind + " for a connection "
                        + link.to + " never accepted");
            }
        }
        if (!inFlight.isEmpty()) {
            timer = net.runtime().runAt(inFlight.peek().arrival, this::deliverDue);
        }
    }

    private void park() {
        parked = true;
        link.stalled.add(this);
        int bytes = 0;
        for (Segment s : inFlight) {
            bytes += s.size();
        }
        net.trace(link.from, link.to, "stall", bytes, label() + ": " + inFlight.size() + " segments wait, link "
                + (link.partitioned ? "partitioned" : "held"));
    }

    /** The link resumed: re-time every segment from now, in order, and deliver again. */
    void unpark() {
        parked = false;
        lastArrival = 0;
        for (Segment s : inFlight) {
            s.arrival = Math.max(link.arrival(s.size(), false), lastArrival);
            lastArrival = s.arrival;
        }
        if (!inFlight.isEmpty() && timer == null) {
            timer = net.runtime().runAt(inFlight.peek().arrival, this::deliverDue);
        }
    }

    /** The connection's label for the trace. */
    String label() {
        return label;
    }

    @Override
    public String toString() {
        return label() + " " + link + " " + inFlight + (parked ? " parked" : "");
    }
}
