package dev.lockstep.examples.kvstore;

import static dev.lockstep.async.Async.async;

import dev.lockstep.examples.kvstore.KvMessage.Ack;
import dev.lockstep.future.Future;
import dev.lockstep.future.TimeoutExpiredException;
import dev.lockstep.io.NetException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * The leader's task that ships its {@link ReplicationLog} to one follower: connects, then sends
 * each entry in order and waits for the follower's {@code ACK} before the next (stop and wait).
 *
 * <h2>Failures</h2>
 * A connection that cannot be made (refused, or no answer within {@link #CONNECT_TIMEOUT}) is
 * retried after {@link #RETRY}. An established connection that fails or ends stops this
 * replicator: the follower falls behind, and the leader's acknowledgement policy decides whether
 * clients notice. A partition stalls the connection (TCP retransmits until it heals), so this task
 * simply waits; it has no timeout of its own.
 */
final class Replicator {
    /** How long a connection attempt may take. */
    static final Duration CONNECT_TIMEOUT = Duration.ofMillis(10);
    /** The pause before another connection attempt. */
    static final Duration RETRY = Duration.ofMillis(5);

    private final ReplicationLog log;
    private final String follower;
    private final InetSocketAddress address;

    Replicator(ReplicationLog log, String follower, InetSocketAddress address) {
        this.log = log;
        this.follower = follower;
        this.address = address;
    }

    /** The replication loop; completes only if the connection ends. */
    Future<Void> run() {
        return async(a -> {
            KvConnection c = null;
            while (c == null) {
                try {
                    c = a.await(KvConnection.connect(address).timeout(CONNECT_TIMEOUT));
                } catch (NetException | TimeoutExpiredException e) {
                    a.sleep(RETRY);
                }
            }
            long acked = 0;
            try {
                while (true) {
                    a.await(log.awaitEntry(acked));
                    a.await(c.send(log.entry(acked + 1)));
                    Optional<KvMessage> reply = a.await(c.receive());
                    if (reply.isEmpty() || !(reply.get() instanceof Ack ack)) {
                        return null;
                    }
                    acked = ack.index();
                    log.acknowledge(follower, acked);
                }
            } catch (NetException e) {
                return null;   // reset: the follower crashed or its process was killed
            } finally {
                c.close();
            }
        });
    }
}
