package dev.lockstep.examples.kvstore;

import dev.lockstep.io.sim.SimNetwork;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A three-node key-value store on a simulated network: the leader {@value #LEADER} and the
 * followers {@value #FOLLOWER_A} and {@value #FOLLOWER_B}, each a host of its own serving on
 * {@value #PORT}.
 *
 * <h2>States</h2>
 * The hosts start when the cluster is {@linkplain #start started} and first run at the
 * simulation's next {@code blockOn}. {@link #follower} gives the state of a follower's current
 * incarnation, for checks and diagnostics from outside the run.
 */
public final class KvCluster {
    /** The leader's host name. */
    public static final String LEADER = "kv-1";
    /** The first follower's host name. */
    public static final String FOLLOWER_A = "kv-2";
    /** The second follower's host name. */
    public static final String FOLLOWER_B = "kv-3";
    /** The port every node serves on. */
    public static final int PORT = 7000;

    private final Map<String, KvFollower> followers = new LinkedHashMap<>();

    private KvCluster() {}

    /** Adds the three hosts to {@code net}; the leader acknowledges writes by {@code acks}. */
    public static KvCluster start(SimNetwork net, KvLeader.Acks acks) {
        KvCluster cluster = new KvCluster();
        for (String name : followerNames()) {
            net.host(name, () -> {
                KvFollower f = new KvFollower(PORT);
                cluster.followers.put(name, f);
                return f.run();
            });
        }
        Map<String, InetSocketAddress> addresses = new LinkedHashMap<>();
        for (String name : followerNames()) {
            addresses.put(name, address(name));
        }
        net.host(LEADER, () -> new KvLeader(PORT, addresses, acks).run());
        return cluster;
    }

    /** The followers' host names, in the order the failover rule breaks ties. */
    public static List<String> followerNames() {
        return List.of(FOLLOWER_A, FOLLOWER_B);
    }

    /** Where the leader serves. */
    public InetSocketAddress leaderAddress() {
        return address(LEADER);
    }

    /** Where the followers serve, in {@link #followerNames()} order. */
    public List<InetSocketAddress> followerAddresses() {
        return followerNames().stream().map(KvCluster::address).toList();
    }

    /** The current incarnation of follower {@code name}. */
    public KvFollower follower(String name) {
        KvFollower f = followers.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no follower named '" + name + "'; followers: " + followerNames());
        }
        return f;
    }

    private static InetSocketAddress address(String host) {
        return InetSocketAddress.createUnresolved(host, PORT);
    }
}
