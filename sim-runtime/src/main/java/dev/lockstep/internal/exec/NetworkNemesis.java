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
 * of {@link FaultPlan#NETWORK_SLOTS} slots: a {@code chance} of the fault's probability (labelled
 * with its kind), and if it comes up, its start in {@code [0, h]} ms and its length in
 * {@code [1, h / 2]} ms, for the network's {@linkplain NetworkFaultTarget#faultHorizon() fault
 * horizon} {@code h} (100 ms by default). The start is an action timer; when it fires, the fault
 * draws what it acts on among the hosts then present, acts, and sets the timer that ends it.
 * All-zero choices start nothing.
 *
 * <h2>What the faults aim at</h2>
 * As a Jepsen nemesis does, and as a swarm run concentrates on a few features:
 * <ul>
 *   <li>A partition cuts along a {@link PartitionShape} ({@code one} host off, a {@code majority}
 *       against a minority, a {@code bridge}, or a {@code random} split), both ways or one way.
 *   <li>With {@code partition} on too, {@code crash} draws no slots of its own: each partition,
 *       as it heals, first crashes a host of its small side with the crash's probability (the
 *       host cut off from the rest, which may have accepted what the others never saw: the lost
 *       write of a leader that acknowledged before replicating). Without partitions, crashes take
 *       their slots and strike a drawn host.
 *   <li>{@code kill} takes its own slots whether partitions are on or not: the process of a drawn
 *       host dies, its machine stays up, and it restarts at the slot's end (unless something
 *       restarted it first).
 *   <li>At the first fault that begins, a coin ({@link #FOCUS}) makes one drawn host of the
 *       cluster the run's focus: then every crash and kill strikes it, {@code one} partitions cut
 *       it off and the other shapes put it on their small side (a flaky machine, rather than
 *       faults spread thin over every host).
 * </ul>
 *
 * <h2>Trace</h2>
 * Each start and end is a {@code TraceEvent.Fault} of its kind (task {@code -1}, name
 * {@code "nemesis"}), and the focus a {@code network-focus} fault; the network traces what it does.
 */
public final class NetworkNemesis {
    private static final long MS = 1_000_000L;
    /** The chance that a run's network faults concentrate on one host. */
    static final double FOCUS = 0.5;
    private final Kernel sim;
    private final FaultPlan plan;
    private final NetworkFaultTarget net;
    /** The host this run's faults concentrate on: null before the first fault, or if the coin said no. */
    private String focus;
    /** Whether the focus coin was drawn (at the first fault that began). */
    private boolean focusDrawn;

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
        for (FaultKind kind : FaultKind.values()) {
            if (!kind.isNetworkFault() || !plan.enabled(kind)) {
                continue;
            }
            if (kind == FaultKind.CRASH && plan.enabled(FaultKind.PARTITION)) {
                continue; // crashes come with the partitions' heals
            }
            for (int slot = 0; slot < FaultPlan.NETWORK_SLOTS; slot++) {
                // The slot's coin is labelled with its kind, as the executor's are (FaultInjector.draw).
                if (n.coin(kind)) {
                    long start = sim.nanos() + c.between(0, horizonMs) * MS;
                    long length = n.length();
                    sim.timers().add(start, null, () -> n.begin(kind, length));
                }
            }
        }
    }

    private void begin(FaultKind kind, long length) {
        ChoiceSource c = sim.choices();
        String focus = focus(c);
        List<String> hosts = kind == FaultKind.CRASH || kind == FaultKind.KILL ? net.crashableHosts() : net.faultHosts();
        Runnable end;
        String what;
        switch (kind) {
            case PARTITION -> {
                PartitionShape.Sides sides = PartitionShape.draw(c, net.clusterHosts(), hosts, focus);
                if (!sides.splits()) {
                    record(kind, "no split (" + sides.shape().key() + "): every host is on one side");
                    return;
                }
                boolean oneWay = c.chance(0.5);
                // One way: the small side cannot send (a node that cannot reach its peers), or,
                // on a second coin, cannot receive.
                boolean intoSmall = oneWay && c.chance(0.5);
                List<String> from = intoSmall ? sides.large() : sides.small();
                List<String> to = intoSmall ? sides.small() : sides.large();
                cut(from, to, oneWay, true);
                what = sides.shape().key() + ": " + from + (oneWay ? " -/-> " : " <-/-> ") + to;
                end = () -> {
                    if (plan.enabled(FaultKind.CRASH)) {
                        crashBeforeHeal(sides.small());
                    }
                    cut(from, to, oneWay, false);
                };
            }
            case CRASH, KILL -> {
                String verb = kind == FaultKind.CRASH ? "crash" : "kill";
                String h;
                if (focus != null) {
                    if (!hosts.contains(focus)) {
                        record(kind, "no " + verb + ": " + focus + ", the run's focus, is down or spared");
                        return;
                    }
                    h = focus;
                } else {
                    if (hosts.isEmpty()) {
                        record(kind, "no host may be " + (kind == FaultKind.CRASH ? "crashed" : "killed"));
                        return;
                    }
                    h = hosts.get(hosts.size() == 1 ? 0 : c.choose(hosts.size()));
                }
                if (kind == FaultKind.CRASH) {
                    crash(h, h, length);
                } else {
                    kill(h, length);
                }
                return;
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

    /** A slot's or a heal's coin for {@code kind}, labelled with it as the executor's coins are. */
    private boolean coin(FaultKind kind) {
        return kind.coin(sim.choices(), plan.probability(kind));
    }

    /** A fault's drawn length: 1 ms to half the horizon. */
    private long length() {
        return sim.choices().between(1, Math.max(1, net.faultHorizon().toMillis() / 2)) * MS;
    }

    /**
     * As a partition heals: with the crash's probability, crashes a host of its {@code small}
     * side that may be crashed (the focus, if the run has one and it is there) for a drawn while.
     */
    private void crashBeforeHeal(List<String> small) {
        if (!coin(FaultKind.CRASH)) {
            return;
        }
        List<String> crashable = net.crashableHosts();
        List<String> among = new ArrayList<>();
        for (String h : small) {
            if (crashable.contains(h) && (focus == null || focus.equals(h))) {
                among.add(h);
            }
        }
        if (among.isEmpty()) {
            record(FaultKind.CRASH, "no crash as the partition heals: no host of its small side " + small
                    + " may be crashed");
            return;
        }
        String h = among.get(among.size() == 1 ? 0 : sim.choices().choose(among.size()));
        crash(h, h + " (cut off by the partition, as it heals)", length());
    }

    /** Crashes {@code host} now and restarts it {@code length} ns later. */
    private void crash(String host, String what, long length) {
        net.crash(host);
        record(FaultKind.CRASH, "begins: " + what + ", for " + length / MS + " ms");
        sim.timers().add(sim.nanos() + length, null, () -> {
            record(FaultKind.CRASH, "ends: " + what);
            net.restart(host);
        });
    }

    /**
     * Kills the process of {@code host} now and restarts it {@code length} ns later, unless it is
     * up again by then (another fault restarted it): a restart of a host that is up would crash it.
     */
    private void kill(String host, long length) {
        net.kill(host);
        record(FaultKind.KILL, "begins: the process of " + host + ", for " + length / MS + " ms");
        sim.timers().add(sim.nanos() + length, null, () -> {
            if (net.crashableHosts().contains(host)) {
                record(FaultKind.KILL, "ends: " + host + " was restarted already");
                return;
            }
            record(FaultKind.KILL, "ends: " + host + " restarts");
            net.restart(host);
        });
    }

    /**
     * The run's focus host: drawn at the first fault that begins, with a coin of {@link #FOCUS},
     * among the cluster; null if the coin said no or the cluster is empty.
     */
    private String focus(ChoiceSource c) {
        if (!focusDrawn) {
            focusDrawn = true;
            List<String> cluster = net.clusterHosts();
            if (!cluster.isEmpty() && c.chance(FOCUS)) {
                focus = cluster.get(cluster.size() == 1 ? 0 : c.choose(cluster.size()));
                sim.trace().add(new TraceEvent.Fault(sim.step(), sim.nanos(), -1, "nemesis", "network-focus",
                        focus + ": this run's crashes strike it and its partitions cut it off"));
            }
        }
        return focus;
    }

    /** Cuts ({@code on}) or heals every link from {@code from} to {@code to}, and back unless one way. */
    private void cut(List<String> from, List<String> to, boolean oneWay, boolean on) {
        for (String x : from) {
            for (String y : to) {
                link(x, y, on);
                if (!oneWay) {
                    link(y, x, on);
                }
            }
        }
    }

    private void link(String from, String to, boolean cut) {
        if (cut) {
            net.partitionOneWay(from, to);
        } else {
            net.healOneWay(from, to);
        }
    }

    private void record(FaultKind kind, String detail) {
        sim.trace().add(new TraceEvent.Fault(sim.step(), sim.nanos(), -1, "nemesis", kind.key(), detail));
    }
}
