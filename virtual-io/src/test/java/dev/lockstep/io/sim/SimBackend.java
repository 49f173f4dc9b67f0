package dev.lockstep.io.sim;

import dev.lockstep.async.Async;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;
import dev.lockstep.io.Interest;
import dev.lockstep.io.NetworkBehaviourTestCase;
import dev.lockstep.io.Promise;
import dev.lockstep.io.Reactor;
import dev.lockstep.io.Registration;
import dev.lockstep.io.TcpStream;
import dev.lockstep.runtime.Simulation;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs {@link NetworkBehaviourTestCase} scenarios on a simulated network, once per seed, with
 * the link config the subclass picks for that seed. A failure names the seed and replay string.
 */
final class SimBackend {
    private SimBackend() {}

    /**
     * A {@code World} over {@code net}: hosts are simulated hosts, a crash is {@link SimNetwork#crash},
     * a peer process is a host of its own killed by {@link SimNetwork#kill}.
     */
    static final class SimWorld implements NetworkBehaviourTestCase.World {
        final SimNetwork net;

        SimWorld(SimNetwork net) {
            this.net = net;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> Future<T> host(String name, Supplier<Future<T>> main) {
            return (Future<T>) net.host(name, main).main();
        }

        @Override
        public InetSocketAddress bindAddress(String host) {
            return InetSocketAddress.createUnresolved(host, 0);
        }

        @Override
        public InetSocketAddress refusedAddress() {
            net.host("idle", () -> Futures.ready(null));
            return InetSocketAddress.createUnresolved("idle", 9);
        }

        @Override
        public void crash(String host, TcpStream connection) {
            net.crash(host);
        }

        @Override
        public Future<NetworkBehaviourTestCase.PeerProcess> peerProcess(String name, InetSocketAddress server) {
            Promise<Void> connected = new Promise<>();
            Promise<Void> unread = new Promise<>();
            net.host(name, () -> Async.async(a -> {
                TcpStream s = a.await(TcpStream.connect(server));
                connected.set(null);
                a.await(readable(s)); // waits, as the child JVM's selector does, without reading
                unread.set(null);
                return a.await(Futures.<Void>pending());
            }));
            return connected.get().map(v -> new NetworkBehaviourTestCase.PeerProcess() {
                @Override
                public Future<Void> holdsUnread() {
                    return unread.get();
                }

                @Override
                public Future<Void> kill() {
                    return Futures.lazy(() -> {
                        net.kill(name);
                        return null;
                    });
                }
            });
        }
    }

    /** Completes once {@code s} has bytes to read (or an end or a reset), taking none of them. */
    static Future<Void> readable(TcpStream s) {
        Registration[] registration = {null};
        return cx -> {
            if (registration[0] == null) {
                registration[0] = Reactor.of(cx).register(s.source(), Interest.READABLE, cx.waker());
            } else if (registration[0].isActive()) {
                registration[0].updateWaker(cx.waker());
            } else {
                return Poll.ready(null);
            }
            return Poll.pending();
        };
    }

    static <T> void check(long seeds, Function<Long, LinkConfig> links, Function<NetworkBehaviourTestCase.World,
            Future<T>> scenario, Consumer<T> assertion) {
        for (long seed = 0; seed < seeds; seed++) {
            Simulation sim = Simulation.builder().seed(seed).build();
            SimNetwork net = SimNetwork.builder(sim).defaultLink(links.apply(seed)).build();
            T value;
            try {
                value = sim.blockOn(scenario.apply(new SimWorld(net)));
                assertion.accept(value);
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("on the simulated network, seed " + seed + " (link " + links.apply(seed)
                        + ", replay "
                        + sim.replayString() + "): " + e, e);
            }
        }
    }
}
