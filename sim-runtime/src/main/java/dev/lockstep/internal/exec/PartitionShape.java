package dev.lockstep.internal.exec;

import dev.lockstep.choice.ChoiceSource;
import java.util.ArrayList;
import java.util.List;

/**
 * How a {@code partition} fault splits the hosts: the shapes Jepsen's nemeses cut a cluster into
 * ({@code partition-random-node}, {@code partition-random-halves}, {@code bridge}), and a split
 * by a coin per host.
 *
 * <h2>Which hosts</h2>
 * {@link #ONE}, {@link #MAJORITY} and {@link #BRIDGE} split the cluster
 * ({@link dev.lockstep.fault.NetworkFaultTarget#clusterHosts()}): a host outside it, a test's
 * client, keeps its links to both sides, as Jepsen's control node does. {@link #RANDOM} draws a
 * side for every host of {@link dev.lockstep.fault.NetworkFaultTarget#faultHosts()}, clients
 * included. A partition cuts only the links between its two sides.
 *
 * <h2>Draws</h2>
 * The shape is one {@code choose(4)} in declaration order (0 is {@link #ONE}); then each shape
 * draws its sides as its constant says. A shuffle is a {@code choose} per position (Fisher-Yates
 * from the front), so all-zero choices keep the hosts in creation order.
 */
enum PartitionShape {
    /** One drawn host of the cluster against the rest of it: a node cut off from its peers. */
    ONE,
    /** The shuffled cluster cut into a minority of {@code n / 2} hosts and the majority. */
    MAJORITY,
    /**
     * The shuffled cluster cut into two halves, but one host of the larger half keeps its links
     * to both (the bridge), so each side sees a different majority. Needs three hosts; with fewer
     * it is {@link #ONE}.
     */
    BRIDGE,
    /** Each host, clients included, on a side drawn by a coin (1/2); both sides must be non-empty. */
    RANDOM;

    /**
     * The two sides of a partition: {@code small} is the side with fewer hosts (the first drawn on
     * a tie), the one a crash during the partition aims at. Hosts on neither side keep every link.
     */
    record Sides(PartitionShape shape, List<String> small, List<String> large) {
        Sides {
            small = List.copyOf(small);
            large = List.copyOf(large);
        }

        /** Whether the shape found two non-empty sides. */
        boolean splits() {
            return !small.isEmpty() && !large.isEmpty();
        }
    }

    /** The key printed in the trace: {@code one}, {@code majority}, {@code bridge}, {@code random}. */
    String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Draws a shape, then its sides over {@code cluster} (or {@code all} hosts for {@link #RANDOM});
     * a {@code focus} host of the cluster (or null) is the one {@link #ONE} cuts off and is on the
     * small side of {@link #MAJORITY} and {@link #BRIDGE}.
     */
    static Sides draw(ChoiceSource c, List<String> cluster, List<String> all, String focus) {
        PartitionShape shape = values()[c.choose(values().length)];
        return shape.sides(c, cluster, all, focus != null && cluster.contains(focus) ? focus : null);
    }

    /** The sides of this shape, drawn from {@code c}. */
    Sides sides(ChoiceSource c, List<String> cluster, List<String> all, String focus) {
        switch (this) {
            case ONE -> {
                if (cluster.size() < 2) {
                    return new Sides(this, List.of(), cluster);
                }
                List<String> rest = new ArrayList<>(cluster);
                String alone = focus != null ? focus : rest.get(c.choose(rest.size()));
                rest.remove(alone);
                return new Sides(this, List.of(alone), rest);
            }
            case MAJORITY -> {
                List<String> hosts = first(focus, shuffled(c, cluster));
                int minority = hosts.size() / 2;
                return split(hosts, minority);
            }
            case BRIDGE -> {
                if (cluster.size() < 3) {
                    return ONE.sides(c, cluster, all, focus);
                }
                List<String> hosts = first(focus, shuffled(c, cluster));
                int half = hosts.size() / 2;
                hosts.remove(half); // the bridge: first host of the larger half, on neither side
                return split(hosts, half);
            }
            case RANDOM -> {
                List<String> a = new ArrayList<>();
                List<String> b = new ArrayList<>();
                for (String h : all) {
                    (c.chance(0.5) ? b : a).add(h);
                }
                a.addAll(b);
                return split(a, a.size() - b.size());
            }
            default -> throw new IllegalStateException("unknown shape " + this);
        }
    }

    /** The first {@code firstSize} hosts against the others, the smaller side first. */
    private Sides split(List<String> hosts, int firstSize) {
        List<String> first = hosts.subList(0, firstSize);
        List<String> second = hosts.subList(firstSize, hosts.size());
        return first.size() <= second.size() ? new Sides(this, first, second) : new Sides(this, second, first);
    }

    /** {@code hosts} with {@code focus} (if not null) swapped into the first place. */
    private static List<String> first(String focus, List<String> hosts) {
        if (focus != null) {
            java.util.Collections.swap(hosts, 0, hosts.indexOf(focus));
        }
        return hosts;
    }

    /** {@code hosts} in a drawn order: position {@code i} takes one of the hosts not yet placed. */
    private static List<String> shuffled(ChoiceSource c, List<String> hosts) {
        List<String> rest = new ArrayList<>(hosts);
        List<String> out = new ArrayList<>(hosts.size());
        while (!rest.isEmpty()) {
            out.add(rest.remove(rest.size() == 1 ? 0 : c.choose(rest.size())));
        }
        return out;
    }
}
