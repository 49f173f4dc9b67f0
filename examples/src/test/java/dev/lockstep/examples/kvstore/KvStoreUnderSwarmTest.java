package dev.lockstep.examples.kvstore;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.examples.kvstore.KvLeader.Acks;
import dev.lockstep.examples.kvstore.KvMessage.Put;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.io.sim.SimHost;
import dev.lockstep.io.sim.SimNetwork;
import dev.lockstep.property.FailureReport;
import dev.lockstep.property.Property;
import dev.lockstep.property.PropertyResult;
import dev.lockstep.runtime.Simulation;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The key-value store under {@code faults = "swarm"}, with no hand-written nemesis, run through the
 * property engine as a user would: swarm's network faults (a partition that cuts the leader off,
 * healing with a crash of the host it cut off) find the leader that acknowledges before
 * replicating, and the fixed leader survives as many swarm runs.
 *
 * <h2>The run</h2>
 * As {@link KvStoreUnderPlanFaultsTest}: the cluster and a client (spared from crashes, and so
 * outside the cluster that partitions split) on a network whose faults start in the first
 * {@value KvStoreUnderPlanFaultsTest#HORIZON_MS} ms; the client writes, fails over once the
 * leader crashed (or at {@value KvStoreUnderPlanFaultsTest#FAILOVER_MS} ms) and reads its
 * acknowledged writes back. The store promises to survive one crash, the leader's: a run in which
 * a follower crashed promises nothing and is not checked (the client may fail over to the follower
 * that lost its memory, and the leader's replicator to it stops at the reset).
 */
class KvStoreUnderSwarmTest {
    /** Seeded swarm runs per stream within which the lost write must show. */
    static final int BUDGET = 2_000;
    /** Swarm runs the fixed leader must survive. */
    static final int FIXED_RUNS = 600;

    /** One run of the store on {@code sim}; throws an {@link AssertionError} naming a lost write. */
    static void run(Simulation sim, Acks acks) {
        SimNetwork net = SimNetwork.builder(sim)
                .faultHorizon(Duration.ofMillis(KvStoreUnderPlanFaultsTest.HORIZON_MS)).build();
        KvCluster cluster = KvCluster.start(net, acks);
        SimHost leader = net.host(KvCluster.LEADER);
        int first = leader.incarnation();
        SimHost client = net.host("client", () -> KvWorkload.run(cluster,
                KvStoreUnderPlanFaultsTest.leaderDown(leader, first)));
        net.spareFromCrashes("client");
        KvWorkload.Outcome outcome;
        try {
            outcome = (KvWorkload.Outcome) sim.blockOn(client.main());
        } catch (RuntimeException e) {
            if (aFollowerCrashed(net, first)) {
                return;
            }
            throw e;
        }
        if (aFollowerCrashed(net, first)) {
            return;
        }
        for (Put put : outcome.acknowledged()) {
            Optional<String> held = outcome.readBack().get(put.key());
            if (!held.equals(Optional.of(put.value()))) {
                throw new AssertionError("acknowledged write lost: " + put + " was acknowledged by "
                        + KvCluster.LEADER + ", but " + outcome.promoted().getHostString() + " has "
                        + held.orElse("nothing") + " under " + put.key() + "; plan " + sim.faultPlan());
            }
        }
    }

    private static boolean aFollowerCrashed(SimNetwork net, int firstIncarnation) {
        for (String f : KvCluster.followerNames()) {
            if (net.host(f).incarnation() != firstIncarnation || !net.host(f).isUp()) {
                return true;
            }
        }
        return false;
    }

    static Property property(String name, Acks acks, int runs, long seed) {
        return Property.of(name, sim -> {
            try {
                run(sim, acks);
            } finally {
                sim.shutdown();
            }
        }).seed(seed).runs(runs).maxSteps(50_000).maxVirtualTime(Duration.ofSeconds(5))
                .shrinkTime(Duration.ofSeconds(5)).parallelism(2).customise(b -> b.faults(FaultPlan.swarm()));
    }

    @Test
    void swarmsNetworkFaultsFindTheLeaderThatAcknowledgesBeforeReplicating() {
        for (int stream = 0; stream < 3; stream++) {
            PropertyResult r = property("kv-store under swarm", Acks.BEFORE_REPLICATING, BUDGET, stream).check();
            System.out.printf(Locale.ROOT, "kv-store under faults[swarm], stream %d: %s%n", stream,
                    r.failure().map(f -> "lost write after " + r.executedRuns() + " runs, shrunk to "
                            + f.shrunkReplay())
                            .orElse("not found in " + BUDGET + " runs"));
            assertTrue(r.failure().isPresent(), "stream " + stream + ": no lost write in " + BUDGET + " swarm runs");
            FailureReport f = r.failure().get();
            assertInstanceOf(AssertionError.class, f.original(), "stream " + stream + ": the lost write");
            assertTrue(f.original().getMessage().startsWith("acknowledged write lost"), f.original().getMessage());
            // The shrunk string carries the drawn plan: it replays the lost write on its own.
            PropertyResult again = property("kv-store replay", Acks.BEFORE_REPLICATING, 1, stream)
                    .replay(f.shrunkReplay()).check();
            assertTrue(again.failure().isPresent(), "stream " + stream + ": " + f.shrunkReplay() + " replays");
            assertInstanceOf(AssertionError.class, again.failure().get().original());
        }
    }

    @Test
    void theFixedLeaderSurvivesAsManySwarmRuns() {
        PropertyResult r = property("fixed kv-store under swarm", Acks.AFTER_MAJORITY, FIXED_RUNS, 7).check();
        assertFalse(r.failure().isPresent(), () -> r.failure().get().original().toString());
    }
}
