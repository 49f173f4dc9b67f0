package dev.lockstep.internal.exec;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.fault.NetworkFaultTarget;
import dev.lockstep.trace.TraceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The network faults of a run's {@link FaultPlan}, applied to an attached
 * {@link NetworkFaultTarget}: the nemesis a network scenario no longer writes by hand.
 *
 * <h2>Draws</h2>
 * When the network is attached, for each network fault that is on, in declaration order, and each
 * of {@link FaultPlan#NETWORK_SLOTS} slots: a {@code chance} of the fault's probability, and if it
 * comes up, its start in {@code [0, h]} ms and its length in {@code [1, h / 2]} ms, for the
 * network's {@linkplain NetworkFaultTarget#faultHorizon() fault horizon} {@code h} (100 ms by
 * default). The start is an action timer; when it fires, the fault draws
 * what it acts on among the hosts then present (the sides of a partition and whether it is
 * one-way, the crashed host, the link and the extra latency or the datagram faults), acts, and
 * sets the timer that ends it. All-zero choices start nothing.
 *
 * <h2>Trace</h2>
 * Each start and end is a {@code TraceEvent.Fault} of its kind (task {@code -1}, name
 * {@code "nemesis"}); the network traces what it does.
 */
public final class NetworkNemesis {
    private static final long MS = 1_000_000L;
    private final Kernel sim;
    private final FaultPlan plan;
    private final NetworkFaultTarget net;

    private NetworkNemesis(Kernel sim, FaultPlan plan, NetworkFaultTarget net) {
        this.sim = sim;
        this.plan = plan;
        this.net = net;
    }

    /** Draws the network faults of {@code plan} and schedules them on {@code net}. */
    public static void attach(Kernel sim, FaultPlan plan, NetworkFaultTarget net) {
        NetworkNemesis n = new NetworkNemesis(sim, plan, net);
        ChoiceSource c = sim.choices();
        long horizonMs = Math.max(1, net.faultHorizon().toMillis());
        long longestMs = Math.max(1, horizonMs / 2);
        for (FaultKind kind : FaultKind.values()) {
            if (!kind.isNetworkFault() || !plan.enabled(kind)) {
                continue;
            }
            for (int slot = 0; slot < FaultPlan.NETWORK_SLOTS; slot++) {
                if (c.chance(plan.probability(kind))) {
                    long start = sim.nanos() + c.between(0, horizonMs) * MS;
                    long length = c.between(1, longestMs) * MS;
                    sim.timers().add(start, null, () -> n.begin(kind, length));
                }
            }
        }
    }

    private void begin(FaultKind kind, long length) {
        ChoiceSource c = sim.choices();
        List<String> hosts = kind == FaultKind.CRASH ? net.crashableHosts() : net.faultHosts();
        Runnable end;
        String what;
        switch (kind) {
            case PARTITION -> {
                List<String> a = new ArrayList<>();
                List<String> b = new ArrayList<>();
                for (String h : hosts) {
                    (c.chance(0.5) ? b : a).add(h);
                }
                if (a.isEmpty() || b.isEmpty()) {
                    record(kind, "no split: every host drew the same side");
                    return;
                }
                boolean oneWay = c.chance(0.5);
                for (String x : a) {
                    for (String y : b) {
                        net.partitionOneWay(x, y);
                        if (!oneWay) {
                            net.partitionOneWay(y, x);
                        }
                    }
                }
                what = a + (oneWay ? " -/-> " : " <-/-> ") + b;
                end = () -> {
                    for (String x : a) {
                        for (String y : b) {
                            net.healOneWay(x, y);
                            if (!oneWay) {
                                net.healOneWay(y, x);
                            }
                        }
                    }
                };
            }
            case CRASH -> {
                if (hosts.isEmpty()) {
                    record(kind, "no host may be crashed");
                    return;
                }
                String h = hosts.get(hosts.size() == 1 ? 0 : c.choose(hosts.size()));
                net.crash(h);
                what = h;
                end = () -> net.restart(h);
            }
            case LATENCY_SPIKE, DATAGRAM_BURST -> {
                if (hosts.size() < 2) {
                    record(kind, "fewer than two hosts");
                    return;
                }
                String from = hosts.get(c.choose(hosts.size()));
                List<String> others = new ArrayList<>(hosts);
                others.remove(from);
                String to = others.get(others.size() == 1 ? 0 : c.choose(others.size()));
                if (kind == FaultKind.LATENCY_SPIKE) {
                    long extra = c.between(1, FaultPlan.NETWORK_SPIKE_MS);
                    end = net.slowLink(from, to, Duration.ofMillis(extra));
                    what = from + " -> " + to + " +" + extra + " ms";
                } else {
                    double loss = c.chance(0.5) ? 0.5 : 0;
                    double dup = c.chance(0.5) ? 0.3 : 0;
                    double reorder = c.chance(0.5) ? 0.5 : 0;
                    end = net.burstLink(from, to, loss, dup, reorder);
                    what = from + " -> " + to + " loss " + loss + ", duplicate " + dup + ", reorder " + reorder;
                }
            }
            default -> throw new IllegalStateException("not a network fault: " + kind);
        }
        record(kind, "begins: " + what + ", for " + length / MS + " ms");
        sim.timers().add(sim.nanos() + length, null, () -> {
            record(kind, "ends: " + what);
            end.run();
        });
    }

    private void record(FaultKind kind, String detail) {
        sim.trace().add(new TraceEvent.Fault(sim.step(), sim.nanos(), -1, "nemesis", kind.key(), detail));
    }
}
