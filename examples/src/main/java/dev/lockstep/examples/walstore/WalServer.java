package dev.lockstep.examples.walstore;

import static dev.lockstep.async.Async.async;

import dev.lockstep.examples.kvstore.KvConnection;
import dev.lockstep.examples.kvstore.KvMessage;
import dev.lockstep.examples.kvstore.KvMessage.Found;
import dev.lockstep.examples.kvstore.KvMessage.Get;
import dev.lockstep.examples.kvstore.KvMessage.Missing;
import dev.lockstep.examples.kvstore.KvMessage.Put;
import dev.lockstep.examples.kvstore.KvMessage.Written;
import dev.lockstep.future.Future;
import dev.lockstep.io.TcpListener;
import dev.lockstep.io.TcpStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * The store's main: recovers from its {@link WriteAheadLog}, then serves the kv-store protocol
 * ({@code PUT} answered by {@code WRITTEN n}, {@code GET} by {@code FOUND} or {@code MISSING}) on
 * {@code port}, one task per connection, until its host dies.
 */
final class WalServer {
    /** When a write is acknowledged. */
    enum Acks {
        /** The planted bug: {@code WRITTEN} goes out, then the log is synced. */
        BEFORE_SYNC,
        /** The fix: the log is synced, then {@code WRITTEN} goes out. */
        AFTER_SYNC
    }

    private WalServer() {}

    static Future<Void> run(int port, Acks acks) {
        return async(a -> {
            WriteAheadLog log = a.await(WriteAheadLog.open());
            Map<String, String> data = a.await(log.recover());
            TcpListener listener = a.await(TcpListener.bind(new InetSocketAddress("0.0.0.0", port)));
            for (int n = 1; ; n++) {
                TcpStream s = a.await(listener.accept());
                a.spawn("session-" + n, session(new KvConnection(s), log, data, acks));
            }
        });
    }

    private static Future<Void> session(KvConnection c, WriteAheadLog log, Map<String, String> data, Acks acks) {
        return async(a -> {
            while (true) {
                Optional<KvMessage> m = a.await(c.receive());
                if (m.isEmpty()) {
                    c.close();
                    return null;
                }
                switch (m.get()) {
                    case Put p -> {
                        long index = a.await(log.append(p.key(), p.value()));
                        data.put(p.key(), p.value());
                        if (acks == Acks.BEFORE_SYNC) {
                            a.await(c.send(new Written(index)));
                            a.await(log.sync());
                        } else {
                            a.await(log.sync());
                            a.await(c.send(new Written(index)));
                        }
                    }
                    case Get g -> a.await(c.send(data.containsKey(g.key())
                            ? new Found(g.key(), data.get(g.key())) : new Missing(g.key())));
                    default -> throw new IllegalArgumentException("the store serves PUT and GET, got " + m.get());
                }
            }
        });
    }
}
