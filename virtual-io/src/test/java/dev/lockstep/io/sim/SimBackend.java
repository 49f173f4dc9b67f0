package dev.lockstep.io.sim;

import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.io.NetworkBehaviourTestCase;
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

    /** A {@code World} over {@code net}: hosts are simulated hosts, a crash is {@link SimNetwork#crash}. */
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
