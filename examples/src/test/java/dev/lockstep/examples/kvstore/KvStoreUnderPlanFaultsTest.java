package dev.lockstep.examples.kvstore;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.examples.kvstore.KvLeader.Acks;
import dev.lockstep.examples.kvstore.KvMessage.Put;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.Future;
import dev.lockstep.io.sim.SimHost;
import dev.lockstep.io.sim.SimNetwork;
import dev.lockstep.runtime.Simulation;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The key-value store with no hand-written nemesis: the run's fault plan partitions, crashes and
 * slows the network ({@code FaultPlan.swarm()} draws them like every other fault), and the swarm
 * finds the leader that acknowledges before replicating, while the fixed leader survives.
 *
 * <h2>The run</h2>
 * The cluster and a client start on a {@code SimNetwork}; the client ({@linkplain
 * SimNetwork#spareFromCrashes spared from crashes}, since the test awaits it) writes, waits until
 * the leader crashed or {@value #FAILOVER_MS} ms passed, fails over to the most up-to-date follower
 * and reads its acknowledged writes back. The store promises to survive one crash: a run in which a
 * follower crashed too promises nothing, and is not checked.
 */
class KvStoreUnderPlanFaultsTest {
    static final int FAILOVER_MS = 150;
    static final int BUDGET = 3_000;

    /** Runs once; returns whether an acknowledged write was lost. */
    static boolean losesAWrite(long seed, Acks acks) {
        Simulation sim = Simulation.builder().seed(seed).faults(FaultPlan.swarm())
                .maxVirtualTime(Duration.ofSeconds(5)).maxSteps(50_000).build();
        SimNetwork net = SimNetwork.create(sim);
        KvCluster cluster = KvCluster.start(net, acks);
        SimHost leader = net.host(KvCluster.LEADER);
        int firstIncarnation = leader.incarnation();
        SimHost client = net.host("client", () -> KvWorkload.run(cluster, leaderDown(leader, firstIncarnation)));
        net.spareFromCrashes("client");
        try {
            KvWorkload.Outcome outcome;
            try {
                outcome = (KvWorkload.Outcome) sim.blockOn(client.main());
            } catch (RuntimeException e) {
                // The failover found no follower (both cut off or down): not a lost write.
                return false;
            }
            for (String f : KvCluster.followerNames()) {
                if (net.host(f).incarnation() != firstIncarnation || !net.host(f).isUp()) {
                    return false;  // two crashes: nothing is promised
                }
            }
            for (Put put : outcome.acknowledged()) {
                if (!outcome.readBack().get(put.key()).equals(Optional.of(put.value()))) {
                    return true;
                }
            }
            return false;
        } finally {
            sim.shutdown();
        }
    }

    /** Completes once the leader crashed (is down or restarted) or at {@value #FAILOVER_MS} ms. */
    static Future<Void> leaderDown(SimHost leader, int firstIncarnation) {
        return Async.async(a -> {
            while (leader.isUp() && leader.incarnation() == firstIncarnation
                    && a.runtime().nanos() < Duration.ofMillis(FAILOVER_MS).toNanos()) {
                a.sleep(Duration.ofMillis(1));
            }
            return null;
        });
    }

    @Test
    void swarmFindsTheLeaderThatAcknowledgesBeforeReplicating() {
        for (int stream = 0; stream < 3; stream++) {
            long first = stream * 100_000L;
            int runs = 0;
            boolean found = false;
            while (!found && runs < BUDGET) {
                found = losesAWrite(first + runs, Acks.BEFORE_REPLICATING);
                runs++;
            }
            System.out.printf(Locale.ROOT, "kv-store under swarm network faults, stream %d: %s%n", stream,
                    found ? "lost write after " + runs + " runs" : "not found in " + BUDGET + " runs");
            assertTrue(found, "stream " + stream + ": no lost write in " + BUDGET + " swarm runs");
        }
    }

    @Test
    void theFixedLeaderSurvivesSwarmNetworkFaults() {
        for (long seed = 0; seed < 1_000; seed++) {
            long s = seed;
            assertFalse(losesAWrite(seed, Acks.AFTER_MAJORITY), () -> "seed " + s + " lost a write");
        }
    }
}
