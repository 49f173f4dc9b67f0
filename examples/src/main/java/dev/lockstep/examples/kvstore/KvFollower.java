package dev.lockstep.examples.kvstore;

import static dev.lockstep.async.Async.async;

import dev.lockstep.async.AsyncScope;
import dev.lockstep.examples.kvstore.KvMessage.Ack;
import dev.lockstep.examples.kvstore.KvMessage.Applied;
import dev.lockstep.examples.kvstore.KvMessage.Error;
import dev.lockstep.examples.kvstore.KvMessage.Found;
import dev.lockstep.examples.kvstore.KvMessage.Get;
import dev.lockstep.examples.kvstore.KvMessage.Missing;
import dev.lockstep.examples.kvstore.KvMessage.Replicate;
import dev.lockstep.examples.kvstore.KvMessage.Status;
import dev.lockstep.future.Future;
import dev.lockstep.io.NetException;
import dev.lockstep.io.TcpListener;
import dev.lockstep.io.TcpStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A follower of the replicated key-value store: it applies the leader's log in order and serves
 * reads, so that a client can promote it when the leader is gone.
 *
 * <h2>Protocol</h2>
 * On its port, from the leader: {@code REPLICATE index key value}, applied if it is the next
 * entry, ignored if already applied, and answered with {@code ACK applied}; a gap is an
 * {@code ERROR}. From clients: {@code GET} and {@code STATUS} (its applied index). A {@code PUT}
 * gets an {@code ERROR}: followers do not take writes. See {@link KvMessage}.
 *
 * <h2>States</h2>
 * {@link #applied()} counts the entries applied, which are exactly entries 1 to
 * {@code applied()} of the leader's log, in order. State lives in memory: a new follower
 * (a restarted host) starts empty.
 */
public final class KvFollower {
    private final int port;
    private final Map<String, String> data = new TreeMap<>();
    private long applied;

    /** A follower that listens on {@code port}. */
    public KvFollower(int port) {
        this.port = port;
    }

    /** The follower's main: binds and serves every connection until its host crashes. */
    public Future<Void> run() {
        return async(a -> {
            TcpListener listener = a.await(TcpListener.bind(new InetSocketAddress("0.0.0.0", port)));
            for (int n = 1; ; n++) {
                TcpStream s = a.await(listener.accept());
                a.spawn("peer-" + n, serve(new KvConnection(s)));
            }
        });
    }

    /** How many entries of the leader's log this follower applied. */
    public long applied() {
        return applied;
    }

    /** The value this follower holds for {@code key}, if any. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(data.get(key));
    }

    /** Serves one connection (the leader's or a client's) until it ends. */
    private Future<Void> serve(KvConnection c) {
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

    /** Answers requests until the peer ends the stream. */
    private void serveRequests(AsyncScope a, KvConnection c) {
        while (true) {
            Optional<KvMessage> request = a.await(c.receive());
            if (request.isEmpty()) {
                return;
            }
            a.await(c.send(handle(request.get())));
        }
    }

    private KvMessage handle(KvMessage request) {
        return switch (request) {
            case Replicate r when r.index() == applied + 1 -> {
                data.put(r.key(), r.value());
                applied = r.index();
                yield new Ack(applied);
            }
            case Replicate r when r.index() <= applied -> new Ack(applied);
            case Replicate r -> new Error("gap: entry " + r.index() + " after applied index " + applied);
            case Get g -> get(g.key()).<KvMessage>map(v -> new Found(g.key(), v))
                    .orElseGet(() -> new Missing(g.key()));
            case Status s -> new Applied(applied);
            default -> new Error("a follower does not serve " + request);
        };
    }

    @Override
    public String toString() {
        return "KvFollower[port " + port + ", applied " + applied + "]";
    }
}
