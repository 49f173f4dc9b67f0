package dev.lockstep.examples.kvstore;

import static dev.lockstep.async.Async.async;

import dev.lockstep.examples.kvstore.KvMessage.Applied;
import dev.lockstep.examples.kvstore.KvMessage.Found;
import dev.lockstep.examples.kvstore.KvMessage.Get;
import dev.lockstep.examples.kvstore.KvMessage.Missing;
import dev.lockstep.examples.kvstore.KvMessage.Put;
import dev.lockstep.examples.kvstore.KvMessage.Status;
import dev.lockstep.examples.kvstore.KvMessage.Written;
import dev.lockstep.future.Future;
import dev.lockstep.future.TimeoutExpiredException;
import dev.lockstep.io.NetException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A client of the replicated key-value store, over one connection to one node, with a timeout on
 * every request.
 *
 * <h2>Returns</h2>
 * {@link #put} completes with the log index of the acknowledged write; {@link #get} with the
 * node's value; {@link #applied} with the node's applied index. {@link #mostUpToDate} is the
 * failover rule: of the given nodes, the one that applied the most entries.
 *
 * <h2>Errors</h2>
 * A request fails with {@link TimeoutExpiredException} when no reply came within the timeout (in
 * virtual time, in a simulation), with a {@link NetException} when the connection fails or the
 * node closes it, and with {@link IllegalStateException} when the node answers with an error or
 * out of protocol. After a failed request the connection is abandoned (a late reply could still
 * arrive on it) and later requests fail at once with {@link IllegalStateException}: connect again.
 */
public final class KvClient {
    private final KvConnection connection;
    private final Duration timeout;
    /** Set when a request failed: its reply may still come, so the connection is out of step. */
    private boolean abandoned;

    private KvClient(KvConnection connection, Duration timeout) {
        this.connection = connection;
        this.timeout = timeout;
    }

    /** Connects to the node at {@code address}; every request (and the connect) gets {@code timeout}. */
    public static Future<KvClient> connect(InetSocketAddress address, Duration timeout) {
        return KvConnection.connect(address).timeout(timeout).map(c -> new KvClient(c, timeout));
    }

    /** Writes {@code key = value} (to the leader); completes with the write's log index once acknowledged. */
    public Future<Long> put(String key, String value) {
        Put put = new Put(key, value);
        return request(put).map(reply -> switch (reply) {
            case Written w -> w.index();
            default -> throw unexpected(put, reply);
        });
    }

    /** Reads {@code key}. */
    public Future<Optional<String>> get(String key) {
        Get get = new Get(key);
        return request(get).map(reply -> switch (reply) {
            case Found f when f.key().equals(key) -> Optional.of(f.value());
            case Missing m when m.key().equals(key) -> Optional.<String>empty();
            default -> throw unexpected(get, reply);
        });
    }

    /** How many entries of the leader's log the node applied. */
    public Future<Long> applied() {
        return request(new Status()).map(reply -> switch (reply) {
            case Applied a -> a.index();
            default -> throw unexpected(new Status(), reply);
        });
    }

    /** Closes the connection. */
    public void close() {
        connection.close();
    }

    /**
     * The failover rule: asks each of {@code nodes} for its applied index and completes with the
     * node that applied the most (the first such in {@code nodes} on a tie). Nodes that do not
     * answer within {@code timeout} are passed over; empty when none answers.
     */
    public static Future<Optional<InetSocketAddress>> mostUpToDate(List<InetSocketAddress> nodes, Duration timeout) {
        return async(a -> {
            InetSocketAddress best = null;
            long bestApplied = -1;
            for (InetSocketAddress node : nodes) {
                try {
                    KvClient c = a.await(connect(node, timeout));
                    long applied = a.await(c.applied());
                    c.close();
                    if (applied > bestApplied) {
                        best = node;
                        bestApplied = applied;
                    }
                } catch (NetException | TimeoutExpiredException e) {
                    // An unreachable node cannot be promoted; ask the next one.
                }
            }
            return Optional.ofNullable(best);
        });
    }

    private Future<KvMessage> request(KvMessage request) {
        if (abandoned) {
            return async(a -> {
                throw new IllegalStateException("request " + request + " on a connection to " + connection.peer()
                        + " that an earlier request left out of step; connect again");
            });
        }
        abandoned = true;
        return async(a -> {
            a.await(connection.send(request));
            Optional<KvMessage> reply = a.await(connection.receive());
            if (reply.isEmpty()) {
                throw new NetException("the node closed the connection before answering " + request,
                        a.runtime().currentHost(), connection.peer().toString(), a.runtime(), null);
            }
            abandoned = false;
            return reply.get();
        }).timeout(timeout);
    }

    private IllegalStateException unexpected(KvMessage request, KvMessage reply) {
        return new IllegalStateException(connection.peer() + " answered " + request + " with " + reply);
    }

    @Override
    public String toString() {
        return "KvClient[" + connection.peer() + (abandoned ? ", abandoned" : "") + "]";
    }
}
