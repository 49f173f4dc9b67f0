package dev.lockstep.io.nio;

import dev.lockstep.future.Future;
import dev.lockstep.io.NetworkBehaviourTestCase;
import dev.lockstep.io.TcpStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The shared behaviour suite on real loopback sockets: every host is a task of one
 * {@link RealRuntime}, run on a thread of its own while the test waits for it with Awaitility
 * ({@link RealRuntimes}). A crash is stood in for by an abrupt close ({@code SO_LINGER 0}) of the
 * crashing side's connection. A peer process is a real one: a child JVM running
 * {@link KillablePeer}, killed with {@code SIGKILL} ({@link PeerProcesses}); every child a
 * scenario started is killed when the scenario ends, passed or failed.
 */
class NioReactorBehaviourTest extends NetworkBehaviourTestCase {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** Hosts are tasks of {@code rt}; peer processes are children started by {@code peers}. */
    private record RealWorld(RealRuntime rt, PeerProcesses peers) implements World {
        @Override
        public <T> Future<T> host(String name, Supplier<Future<T>> main) {
            return rt.spawn(name, main.get());
        }

        @Override
        public InetSocketAddress bindAddress(String host) {
            return new InetSocketAddress(LOOPBACK, 0);
        }

        @Override
        public InetSocketAddress refusedAddress() {
            // A port that was free a moment ago: on loopback nothing else takes it in between.
            try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
                return new InetSocketAddress(LOOPBACK, probe.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void crash(String host, TcpStream connection) {
            connection.closeAbruptly();
        }

        @Override
        public Future<PeerProcess> peerProcess(String name, InetSocketAddress server) {
            return OffThread.of("start " + name, () -> peers.start(name, server)).map(peer -> new PeerProcess() {
                @Override
                public Future<Void> holdsUnread() {
                    return OffThread.of(name + " holds unread bytes", () -> {
                        peer.awaitLine("unread");
                        return null;
                    });
                }

                @Override
                public Future<Void> kill() {
                    return OffThread.of("kill " + name, () -> {
                        peer.kill();
                        return null;
                    });
                }
            });
        }
    }

    @Override
    protected <T> void check(Function<World, Future<T>> scenario, Consumer<T> assertion) {
        T value;
        try (PeerProcesses peers = new PeerProcesses()) {
            value = RealRuntimes.run(rt -> scenario.apply(new RealWorld(rt, peers)));
        } catch (RuntimeException e) {
            throw new AssertionError("on the NIO backend: " + e, e);
        }
        try {
            assertion.accept(value);
        } catch (AssertionError e) {
            throw new AssertionError("on the NIO backend: " + e.getMessage(), e);
        }
    }
}
