package dev.lockstep.io.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * One direction of the link between two hosts: its {@link LinkConfig}, its faults, and the
 * traffic a fault stopped.
 *
 * <h2>States</h2>
 * <ul>
 *   <li>{@code partitioned}: TCP segments stall (their {@link Pipe}s park here) and datagrams
 *       are dropped, until {@link SimNetwork#heal};
 *   <li>{@code held}: TCP segments stall and datagrams wait here, until
 *       {@link SimNetwork#release}.
 * </ul>
 * Traffic moves again once neither holds, in the order it stopped.
 *
 * <h2>Timing</h2>
 * A segment or datagram of {@code n} bytes leaves once the link finished sending what was before
 * it ({@code n / bandwidth} each), then takes the latency plus a jitter drawn from the run's
 * choices (0: none).
 */
final class Link {
    final SimNetwork net;
    final String from;
    final String to;
    private LinkConfig config;
    private long latencyNanos;
    private long jitterNanos;
    boolean partitioned;
    boolean held;
    /** When the link has sent everything handed to it so far (bandwidth). */
    private long busyUntil;
    /** TCP directions stalled by a fault, in the order they stalled. */
    final List<Pipe> stalled = new ArrayList<>();
    /** Datagrams held back by {@code hold}, in arrival order. */
    final List<Datagram> heldDatagrams = new ArrayList<>();

    Link(SimNetwork net, String from, String to, LinkConfig config) {
        this.net = net;
        this.from = from;
        this.to = to;
        configure(config);
    }

    void configure(LinkConfig c) {
        this.config = c;
        this.latencyNanos = c.latency().toNanos();
        this.jitterNanos = c.jitter().toNanos();
    }

    LinkConfig config() {
        return config;
    }

    boolean blocked() {
        return partitioned || held;
    }

    /**
     * When {@code bytes} handed to the link now arrive: after the bytes before them are sent,
     * the latency, and (if {@code jitter}) a jitter drawn from the choices.
     */
    long arrival(int bytes, boolean jitter) {
        long now = net.runtime().nanos();
        long sent = now;
        long bandwidth = config.bandwidth();
        if (bandwidth > 0 && bytes > 0) {
            sent = Math.max(now, busyUntil) + (bytes * 1_000_000_000L + bandwidth - 1) / bandwidth;
            busyUntil = sent;
        }
        long delay = latencyNanos;
        if (jitter && jitterNanos > 0) {
            delay += net.runtime().choices().between(0, jitterNanos);
        }
        return sent + delay;
    }

    /** The extra delay of a reordered datagram: up to twice the latency plus jitter, at least 1 ns. */
    long reorderDelay() {
        return net.runtime().choices().between(1, Math.max(1, 2 * latencyNanos + jitterNanos));
    }

    /** Moves stalled traffic again, if no fault holds it any more. */
    void resume() {
        if (blocked()) {
            return;
        }
        List<Pipe> pipes = new ArrayList<>(stalled);
        stalled.clear();
        for (Pipe p : pipes) {
            p.unpark();
        }
        List<Datagram> datagrams = new ArrayList<>(heldDatagrams);
        heldDatagrams.clear();
        for (Datagram d : datagrams) {
            net.datagrams().schedule(this, d, arrival(d.payload().length, false));
        }
    }

    @Override
    public String toString() {
        return from + " -> " + to + (partitioned ? " (partitioned)" : "") + (held ? " (held)" : "");
    }
}
