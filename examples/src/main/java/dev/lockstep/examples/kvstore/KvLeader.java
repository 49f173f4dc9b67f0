package dev.lockstep.examples.kvstore;

import static dev.lockstep.async.Async.async;

import dev.lockstep.async.AsyncScope;
import dev.lockstep.examples.kvstore.KvMessage.Applied;
import dev.lockstep.examples.kvstore.KvMessage.Error;
import dev.lockstep.examples.kvstore.KvMessage.Found;
import dev.lockstep.examples.kvstore.KvMessage.Get;
import dev.lockstep.examples.kvstore.KvMessage.Missing;
import dev.lockstep.examples.kvstore.KvMessage.Put;
import dev.lockstep.examples.kvstore.KvMessage.Status;
import dev.lockstep.examples.kvstore.KvMessage.Written;
import dev.lockstep.future.Future;
import dev.lockstep.io.NetException;
import dev.lockstep.io.TcpListener;
import dev.lockstep.io.TcpStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The leader of a replicated key-value store: it takes writes from clients, appends them to its
 * {@link ReplicationLog}, and streams the log to its followers (one {@link Replicator} each).
 *
 * <h2>Protocol</h2>
 * On its port it answers {@code PUT} with {@code WRITTEN index}, {@code GET} from its own log, and
 * {@code STATUS} with its last index; anything else gets an {@code ERROR}. See {@link KvMessage}.
 *
 * <h2>Acknowledgement</h2>
 * {@link Acks#AFTER_MAJORITY} (the correct policy) answers {@code WRITTEN} only once a majority of
 * the cluster holds the write: the leader and at least half of the followers (with two followers,
 * one). Then any follower that applied the most entries holds every acknowledged write, so
 * promoting it after the leader dies loses none. {@link Acks#BEFORE_REPLICATING} is the planted
 * bug: it answers as soon as the write is in the leader's memory and replicates afterwards, so a
 * leader cut off from its followers keeps acknowledging writes that die with it.
 *
 * <h2>Errors</h2>
 * A client session that fails (a reset, a malformed line) ends that session only. The leader
 * itself runs until its host crashes.
 */
public final class KvLeader {
    /** When the leader acknowledges a write to its client. */
    public enum Acks {
        /** The planted bug: as soon as the leader has it; replication follows asynchronously. */
        BEFORE_REPLICATING,
        /** Once the leader and a majority of the cluster with it hold the write. */
        AFTER_MAJORITY
    }

    private final int port;
    private final Map<String, InetSocketAddress> followers;
    private final Acks acks;
    private final ReplicationLog log;

    /**
     * A leader that listens on {@code port} and replicates to {@code followers} (name to address,
     * in the order given).
     */
    public KvLeader(int port, Map<String, InetSocketAddress> followers, Acks acks) {
        this.port = port;
        this.followers = new LinkedHashMap<>(followers);
        this.acks = acks;
        this.log = new ReplicationLog(List.copyOf(followers.keySet()));
    }

    /** The leader's main: binds, starts a replicator per follower, and serves clients until it dies. */
    public Future<Void> run() {
        return async(a -> {
            TcpListener listener = a.await(TcpListener.bind(new InetSocketAddress("0.0.0.0", port)));
            for (Map.Entry<String, InetSocketAddress> f : followers.entrySet()) {
                a.spawn("replicate-" + f.getKey(), new Replicator(log, f.getKey(), f.getValue()).run());
            }
            for (int n = 1; ; n++) {
                TcpStream s = a.await(listener.accept());
                a.spawn("session-" + n, session(new KvConnection(s)));
            }
        });
    }

    /** How many followers must hold a write before it is acknowledged under {@link Acks#AFTER_MAJORITY}. */
    int followersForMajority() {
        // A majority of n nodes is n / 2 + 1; the leader is one of them.
        return (followers.size() + 1) / 2;
    }

    /** Serves one client connection until it ends. */
    private Future<Void> session(KvConnection c) {
        return async(a -> {
            try {
                serveRequests(a, c);
            } catch (NetException | IllegalArgumentException e) {
                // A reset, a crashed peer or a malformed line ends this connection only.
            }
            c.close();
            return null;
        });
    }

    /** Answers requests until the client ends the stream. */
    private void serveRequests(AsyncScope a, KvConnection c) {
        while (true) {
            Optional<KvMessage> request = a.await(c.receive());
            if (request.isEmpty()) {
                return;
            }
            a.await(c.send(handle(a, request.get())));
        }
    }

    /** The reply to {@code request}; a write first waits as the acknowledgement policy says. */
    private KvMessage handle(AsyncScope a, KvMessage request) {
        return switch (request) {
            case Put p -> {
                long index = log.append(p.key(), p.value());
                if (acks == Acks.AFTER_MAJORITY) {
                    a.await(log.awaitReplicas(index, followersForMajority()));
                }
                // BEFORE_REPLICATING acknowledges at once: the write exists only here until the
                // replicators next run, and a leader cut off from its followers keeps it to itself.
                yield new Written(index);
            }
            case Get g -> log.get(g.key()).<KvMessage>map(v -> new Found(g.key(), v))
                    .orElseGet(() -> new Missing(g.key()));
            case Status s -> new Applied(log.lastIndex());
            default -> new Error("the leader does not serve " + request);
        };
    }

    @Override
    public String toString() {
        return "KvLeader[port " + port + ", " + acks + ", " + log + "]";
    }
}
