package dev.lockstep.examples.kvstore;

import static dev.lockstep.async.Async.async;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.AsyncScope;
import dev.lockstep.future.Future;
import dev.lockstep.future.TimeoutExpiredException;
import dev.lockstep.io.sim.SimNetwork;
import dev.lockstep.runtime.Simulation;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KvLeaderTest {
    static final Duration TIMEOUT = Duration.ofMillis(20);
    static final List<String> KEYS = List.of("k1", "k2", "k3");

    /**
     * Runs {@code client} on a host of its own next to a fresh cluster whose leader uses {@code acks};
     * returns what it returns.
     */
    static <T> T withCluster(long seed, KvLeader.Acks acks, BiFunction<KvCluster, SimNetwork, Future<T>> client) {
        Simulation sim = Simulation.builder().seed(seed).maxVirtualTime(Duration.ofSeconds(1)).build();
        try {
            SimNetwork net = SimNetwork.create(sim);
            KvCluster cluster = KvCluster.start(net, acks);
            @SuppressWarnings("unchecked")
            T result = (T) sim.blockOn(net.host("client", () -> client.apply(cluster, net)).main());
            return result;
        } finally {
            sim.shutdown();
        }
    }

    /** Puts k1=v1, k2=v2, k3=v3; after each acknowledgement notes the index and what each follower applied. */
    static List<String> putAll(AsyncScope a, KvCluster cluster) {
        List<String> seen = new ArrayList<>();
        KvClient leader = a.await(KvClient.connect(cluster.leaderAddress(), TIMEOUT));
        for (int i = 1; i <= KEYS.size(); i++) {
            long index = a.await(leader.put("k" + i, "v" + i));
            seen.add(index + ":" + cluster.follower(KvCluster.FOLLOWER_A).applied() + ","
                    + cluster.follower(KvCluster.FOLLOWER_B).applied());
        }
        leader.close();
        return seen;
    }

    /** What {@code node} holds for each of {@link #KEYS}. */
    static List<Optional<String>> readAll(AsyncScope a, InetSocketAddress node) {
        KvClient c = a.await(KvClient.connect(node, TIMEOUT));
        List<Optional<String>> values = new ArrayList<>();
        for (String k : KEYS) {
            values.add(a.await(c.get(k)));
        }
        c.close();
        return values;
    }

    @Nested
    class WithoutFaults {
        @Test
        void everyWriteIsAcknowledgedInOrderAndReadableOnEveryNodeWithEitherPolicy() {
            List<Optional<String>> expected = List.of(Optional.of("v1"), Optional.of("v2"), Optional.of("v3"));
            for (KvLeader.Acks acks : KvLeader.Acks.values()) {
                for (long seed = 0; seed < 20; seed++) {
                    List<?> r = withCluster(seed, acks, (cluster, net) -> async(a -> {
                        List<String> acked = putAll(a, cluster);
                        a.sleep(Duration.ofMillis(10)); // let the last replication land
                        List<Object> out = new ArrayList<>(List.of(acked.size()));
                        out.add(readAll(a, cluster.leaderAddress()));
                        for (InetSocketAddress f : cluster.followerAddresses()) {
                            out.add(readAll(a, f));
                        }
                        out.add(a.await(KvClient.mostUpToDate(cluster.followerAddresses(), TIMEOUT)));
                        return out;
                    }));
                    String where = acks + ", seed " + seed;
                    assertEquals(3, r.get(0), where);
                    assertEquals(List.of(expected, expected, expected), r.subList(1, 4), where);
                    assertEquals(Optional.of(cluster0Address(KvCluster.FOLLOWER_A)), r.get(4),
                            where + ": on a tie the failover rule picks the first follower");
                }
            }
        }

        @Test
        void theMajorityLeaderAcknowledgesOnlyWritesAFollowerHasApplied() {
            for (long seed = 0; seed < 20; seed++) {
                List<String> seen = withCluster(seed, KvLeader.Acks.AFTER_MAJORITY,
                        (cluster, net) -> async(a -> putAll(a, cluster)));
                for (String s : seen) {
                    long index = Long.parseLong(s.substring(0, s.indexOf(':')));
                    long mostApplied = List.of(s.substring(s.indexOf(':') + 1).split(",")).stream()
                            .mapToLong(Long::parseLong).max().orElseThrow();
                    assertTrue(mostApplied >= index, "seed " + seed + ": acknowledged index:applied " + seen);
                }
            }
        }
    }

    @Nested
    class CutOffFromItsFollowers {
        /** Partitions the leader from both followers, then tries one write; its outcome or failure. */
        Object writeWhilePartitioned(KvLeader.Acks acks) {
            return withCluster(3, acks, (cluster, net) -> async(a -> {
                KvClient leader = a.await(KvClient.connect(cluster.leaderAddress(), TIMEOUT));
                KvCluster.followerNames().forEach(f -> net.partition(KvCluster.LEADER, f));
                try {
                    return a.await(leader.put("k1", "v1"));
                } catch (TimeoutExpiredException e) {
                    return e;
                }
            }));
        }

        @Test
        void theBuggyLeaderStillAcknowledgesAWriteOnlyItHolds() {
            assertEquals(1L, writeWhilePartitioned(KvLeader.Acks.BEFORE_REPLICATING));
        }

        @Test
        void theMajorityLeaderAcknowledgesNothingAndTheClientTimesOut() {
            assertInstanceOf(TimeoutExpiredException.class, writeWhilePartitioned(KvLeader.Acks.AFTER_MAJORITY));
        }
    }

    static InetSocketAddress cluster0Address(String host) {
        return InetSocketAddress.createUnresolved(host, KvCluster.PORT);
    }
}
