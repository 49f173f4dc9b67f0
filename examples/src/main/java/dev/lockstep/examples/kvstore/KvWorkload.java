package dev.lockstep.examples.kvstore;

import static dev.lockstep.async.Async.async;

import dev.lockstep.examples.kvstore.KvMessage.Put;
import dev.lockstep.future.Future;
import dev.lockstep.future.TimeoutExpiredException;
import dev.lockstep.io.NetException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The client side of one run: write a few keys to the leader, wait for the leader to go down,
 * fail over to the most up-to-date follower, and read back every acknowledged write.
 *
 * <h2>Writes</h2>
 * {@value #WRITES} writes {@code k1=v1}, {@code k2=v2}, ... to distinct keys, one at a time, each
 * after a pause of 0 to {@value #MAX_PAUSE_MS} ms drawn from the run's choices. The first write that
 * fails or times out ({@link #TIMEOUT}) ends the writing: its outcome is unknown, and only
 * acknowledged writes are promised to survive.
 *
 * <h2>Failover</h2>
 * Once {@code leaderDown} completes, the workload waits {@link #SETTLE} (longer than any link
 * latency, so nothing is still in flight between live nodes), promotes the follower
 * {@link KvClient#mostUpToDate} picks, and reads each acknowledged key from it.
 */
public final class KvWorkload {
    /** How many writes the client attempts. */
    static final int WRITES = 3;
    /** The longest pause before a write, in ms. */
    static final int MAX_PAUSE_MS = 3;
    /** The client's timeout for each connect and request. */
    static final Duration TIMEOUT = Duration.ofMillis(20);
    /** How long the client waits after the leader went down before failing over. */
    static final Duration SETTLE = Duration.ofMillis(10);

    /**
     * What the client saw.
     *
     * @param acknowledged the writes the leader acknowledged, in order
     * @param promoted     the follower the client failed over to
     * @param readBack     for each acknowledged write's key, what the promoted follower holds
     */
    public record Outcome(List<Put> acknowledged, InetSocketAddress promoted, Map<String, Optional<String>> readBack) {
        public Outcome {
            acknowledged = List.copyOf(acknowledged);
            readBack = Collections.unmodifiableMap(new LinkedHashMap<>(readBack));
        }
    }

    private KvWorkload() {}

    /** The client host's main: runs the workload against {@code cluster}; see the class doc. */
    public static Future<Outcome> run(KvCluster cluster, Future<?> leaderDown) {
        return async(a -> {
            List<Put> acknowledged = new ArrayList<>();
            try {
                KvClient leader = a.await(KvClient.connect(cluster.leaderAddress(), TIMEOUT));
                for (int i = 1; i <= WRITES; i++) {
                    a.sleep(Duration.ofMillis(a.runtime().choices().between(0, MAX_PAUSE_MS)));
                    Put put = new Put("k" + i, "v" + i);
                    a.await(leader.put(put.key(), put.value()));
                    acknowledged.add(put);
                }
                leader.close();
            } catch (NetException | TimeoutExpiredException e) {
                // The leader is unreachable or gone: stop writing. Its acknowledged writes must survive.
            }
            a.await(leaderDown);
            a.sleep(SETTLE);
            InetSocketAddress promoted = a.await(KvClient.mostUpToDate(cluster.followerAddresses(), TIMEOUT))
                    .orElseThrow(() -> new IllegalStateException("no follower answered the failover's STATUS"));
            KvClient reader = a.await(KvClient.connect(promoted, TIMEOUT));
            Map<String, Optional<String>> readBack = new LinkedHashMap<>();
            for (Put put : acknowledged) {
                readBack.put(put.key(), a.await(reader.get(put.key())));
            }
            reader.close();
            return new Outcome(acknowledged, promoted, readBack);
        });
    }
}
