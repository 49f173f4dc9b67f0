package dev.lockstep.examples.kvstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.examples.kvstore.KvLeader.Acks;
import dev.lockstep.examples.kvstore.KvMessage.Put;
import dev.lockstep.io.sim.SimNetwork;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.time.Sleep;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A follower that crashes and restarts, or whose process is killed, costs the leader only its
 * replicator to that follower (which stops at the reset or the end of the stream): the leader
 * keeps serving, the other follower keeps a majority, and every acknowledged write is read back
 * after the failover, whatever the seed.
 */
class KvFollowerFailureTest {
    static final String FOLLOWER = KvCluster.followerNames().get(0);

    /** One run: the first follower fails at a drawn time and, crashed, restarts 5 ms later. */
    static KvWorkload.Outcome run(long seed, boolean kill) {
        Simulation sim = Simulation.builder().seed(seed).maxVirtualTime(Duration.ofSeconds(5)).build();
        SimNetwork net = SimNetwork.create(sim);
        KvCluster cluster = KvCluster.start(net, Acks.AFTER_MAJORITY);
        var client = net.host("client", () -> KvWorkload.run(cluster, Sleep.of(Duration.ofMillis(40))));
        long at = sim.choices().between(0, 8);
        sim.spawn("fail-" + FOLLOWER, Sleep.of(Duration.ofMillis(at)).then(v -> {
            if (kill) {
                net.kill(FOLLOWER);
                return Sleep.of(Duration.ofMillis(5)).map(w -> null);
            }
            net.crash(FOLLOWER);
            return Sleep.of(Duration.ofMillis(5)).map(w -> {
                net.restart(FOLLOWER);
                return null;
            });
        }));
        try {
            return (KvWorkload.Outcome) sim.blockOn(client.main());
        } finally {
            sim.shutdown();
        }
    }

    @Test
    void theLeaderOutlivesAFollowerThatCrashesOrIsKilledAndLosesNoAcknowledgedWrite() {
        for (boolean kill : new boolean[] {false, true}) {
            int acknowledged = 0;
            for (long seed = 0; seed < 60; seed++) {
                KvWorkload.Outcome outcome = run(seed, kill);
                assertEquals(KvWorkload.WRITES, outcome.acknowledged().size(), "seed " + seed + ": the leader"
                        + " with one follower left acknowledges every write: " + outcome);
                for (Put put : outcome.acknowledged()) {
                    assertEquals(Optional.of(put.value()), outcome.readBack().get(put.key()), "seed " + seed
                            + (kill ? ", killed" : ", crashed") + ": " + outcome);
                }
                acknowledged += outcome.acknowledged().size();
            }
            assertTrue(acknowledged > 0);
        }
    }
}
