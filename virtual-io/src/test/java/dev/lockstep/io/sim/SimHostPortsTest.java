package dev.lockstep.io.sim;

import static dev.lockstep.io.sim.SimNetworkTest.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.io.AddressInUseException;
import dev.lockstep.io.Promise;
import dev.lockstep.io.TcpListener;
import dev.lockstep.io.TcpStream;
import dev.lockstep.runtime.Simulation;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Ephemeral ports of a simulated host: taken per connection, refused when the range is exhausted. */
class SimHostPortsTest {
    static final int RANGE = 65536 - 49152;

    final Simulation sim = Simulation.builder().seed(11).build();
    final SimNetwork net = SimNetwork.create(sim);

    /** What a client that kept connecting saw: the connections it holds and how it stopped. */
    record Attempts(List<TcpStream> open, RuntimeException failure) {}

    @Nested
    class Exhaustion {
        @Test
        void aHostHoldingEveryEphemeralPortIsRefusedTheNextConnectWithAddressInUseNamingTheHost() {
            Promise<Boolean> listening = new Promise<>();
            List<TcpStream> accepted = new ArrayList<>();
            net.host("db", () -> Async.async(a -> {
                TcpListener l = a.await(TcpListener.bind(at("db", 7)));
                listening.set(true);
                while (true) {
                    accepted.add(a.await(l.accept()));
                }
            }));
            SimHost app = net.host("app", () -> Async.async(a -> {
                a.await(listening.get());
                List<TcpStream> open = new ArrayList<>();
                try {
                    for (int i = 0; i < RANGE + 100; i++) {
                        open.add(a.await(TcpStream.connect(at("db", 7))));
                    }
                } catch (RuntimeException e) {
                    return new Attempts(open, e);
                }
                return new Attempts(open, null);
            }));
            Attempts r = (Attempts) sim.blockOn(app.main());
            assertEquals(RANGE, r.open().size(), "connections that got a port");
            assertInstanceOf(AddressInUseException.class, r.failure());
            assertTrue(r.failure().getMessage().contains("host app"), r.failure().getMessage());
            assertTrue(r.failure().getMessage().contains("ephemeral"), r.failure().getMessage());
            Set<InetSocketAddress> local = new HashSet<>();
            for (TcpStream s : r.open()) {
                assertTrue(local.add(s.localAddress()), "two open connections share " + s.localAddress());
            }
            Set<InetSocketAddress> peers = new HashSet<>();
            for (TcpStream s : accepted) {
                assertTrue(peers.add(s.peerAddress()), "the server accepted two connections from " + s.peerAddress());
            }
        }
    }

    @Nested
    class Reuse {
        @Test
        void aPortIsFreeAgainOnceBothEndsOfItsConnectionClosedSoConnectingInTurnNeverRunsOut() {
            int connections = RANGE + 4000;
            Promise<Boolean> listening = new Promise<>();
            net.host("db", () -> Async.async(a -> {
                TcpListener l = a.await(TcpListener.bind(at("db", 7)));
                listening.set(true);
                while (true) {
                    a.await(l.accept()).close();
                }
            }));
            SimHost app = net.host("app", () -> Async.async(a -> {
                a.await(listening.get());
                Set<Integer> ports = new HashSet<>();
                for (int i = 0; i < connections; i++) {
                    TcpStream s = a.await(TcpStream.connect(at("db", 7)));
                    ports.add(s.localAddress().getPort());
                    a.sleep(java.time.Duration.ofMillis(5)); // the server's close arrives meanwhile
                    s.close();
                }
                return ports.size();
            }));
            assertEquals(RANGE, sim.blockOn(app.main()), "ports used, each reused after both ends closed");
        }
    }
}
