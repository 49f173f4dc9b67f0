package dev.lockstep.io.sim;

import static dev.lockstep.io.Flows.failure;
import static dev.lockstep.io.Flows.loop;
import static dev.lockstep.io.Flows.readToEnd;
import static dev.lockstep.io.Flows.registrations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.future.Either;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;
import dev.lockstep.io.ConnectionRefusedException;
import dev.lockstep.io.Interest;
import dev.lockstep.io.NetException;
import dev.lockstep.io.NoSuchHostException;
import dev.lockstep.io.Promise;
import dev.lockstep.io.Reactor;
import dev.lockstep.io.Registration;
import dev.lockstep.io.TcpListener;
import dev.lockstep.io.TcpStream;
import dev.lockstep.io.UdpSocket;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.testkit.CountingWaker;
import dev.lockstep.testkit.Wakers;
import dev.lockstep.time.Sleep;
import dev.lockstep.trace.TraceEvent;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SimNetworkTest {
    final Simulation sim = Simulation.builder().seed(7).traceCapacity(Integer.MAX_VALUE).build();

    static InetSocketAddress at(String host, int port) {
        return InetSocketAddress.createUnresolved(host, port);
    }

    static ByteBuffer text(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static Future<Void> after(Duration d, Runnable action) {
        return Sleep.of(d).map(v -> {
            action.run();
            return null;
        });
    }

    static List<TraceEvent.Net> netEvents(Simulation sim, String kind) {
        List<TraceEvent.Net> out = new ArrayList<>();
        for (TraceEvent e : sim.trace().events()) {
            if (e instanceof TraceEvent.Net n && n.kind().equals(kind)) {
                out.add(n);
            }
        }
        return out;
    }

    /** A server on {@code host}:7 that accepts one connection and reads it to its end. */
    static Future<byte[]> sink(String host, Promise<TcpStream> accepted) {
        return TcpListener.bind(at(host, 7)).then(TcpListener::accept).then(s -> {
            accepted.set(s);
            return readToEnd(s, 256, f -> f);
        });
    }

    /** A UDP socket on {@code host}:9 that collects what arrives. */
    static Future<Void> collect(String host, List<String> got) {
        return UdpSocket.bind(at(host, 9)).then(u -> {
            ByteBuffer buf = ByteBuffer.allocate(64);
            return loop(() -> u.receive(buf.clear()).map(from -> got.add(new String(buf.array(), 0, buf.position(),
                    StandardCharsets.UTF_8))));
        });
    }

    static Future<Void> sendAll(String host, String to, List<String> messages, Duration gap) {
        return UdpSocket.bind(at(host, 0)).then(u -> {
            int[] next = {0};
            return loop(() -> next[0] == messages.size() ? Futures.ready(false)
                    : u.send(text(messages.get(next[0]++)), at(to, 9)).then(n -> Sleep.of(gap)).map(v -> true));
        });
    }

    @Nested
    class Hosts {
        @Test
        void aHostsTasksRunOnItAndTheTasksTheySpawnToo() {
            SimNetwork net = SimNetwork.create(sim);
            List<String> seen = new ArrayList<>();
            Future<Void> probe = Futures.pollFn(cx -> {
                seen.add(cx.runtime().currentHost() + "/" + cx.runtime().currentTaskName());
                return Poll.ready(null);
            });
            SimHost h = net.host("db-1", () -> Futures.pollFn(cx -> Poll.ready(cx.runtime().spawn("child", probe))));
            sim.blockOn(h.main().then(child -> (Future<?>) child));
            assertEquals(List.of("db-1/child"), seen);
            assertEquals(1, h.incarnation());
        }

        @Test
        void hostNamesMustBeUniqueAndUsableAsAddresses() {
            SimNetwork net = SimNetwork.create(sim);
            net.host("db-1", () -> Futures.ready(null));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> net.host("db-1", () -> Futures.ready(null)))
                    .getMessage().contains("already exists"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> net.host("db 1", () -> Futures.ready(null)))
                    .getMessage().contains("not a valid host name"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> net.host("db-2")).getMessage()
                    .contains("[db-1]"));
        }

        @Test
        void aTaskOnNoHostCannotMakeSocketsAndIsToldHowToFixIt() {
            SimNetwork.create(sim);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> sim.blockOn(TcpListener.bind(at("db-1", 7))));
            assertTrue(e.getMessage().contains("on no simulated host"), e.getMessage());
            assertTrue(e.getMessage().contains("net.host("), e.getMessage());
        }

        @Test
        void aSecondNetworkOnTheSameSimulationIsRejected() {
            SimNetwork.create(sim);
            assertThrows(IllegalStateException.class, () -> SimNetwork.create(sim));
        }
    }

    @Nested
    class Errors {
        @Test
        void anUnknownHostFailsWithNoSuchHostListingTheHosts() {
            SimNetwork net = SimNetwork.create(sim);
            SimHost app = net.host("app", () -> failure(TcpStream.connect(at("db-9", 5432))));
            Throwable e = (Throwable) sim.blockOn(app.main());
            assertInstanceOf(NoSuchHostException.class, e);
            assertTrue(e.getMessage().contains("no host named 'db-9'") && e.getMessage().contains("[app]"),
                    e.getMessage());
        }

        @Test
        void aRefusedConnectionNamesHostPeerVirtualTimeAndReplayString() {
            SimNetwork net = SimNetwork.builder(sim).defaultLink(LinkConfig.DEFAULT.withLatency(Duration.ofMillis(1),
                    Duration.ZERO)).build();
            net.host("db-1", () -> Futures.ready(null));
            SimHost app = net.host("app", () -> failure(TcpStream.connect(at("db-1", 5432))));
            NetException e = (NetException) sim.blockOn(app.main());
            assertInstanceOf(ConnectionRefusedException.class, e);
            assertEquals("app", e.host());
            assertEquals("db-1:5432", e.peer());
            assertEquals(2_000_000, e.nanos(), "the SYN and the RST each take the minimum latency, 1 ms");
            assertTrue(e.getMessage().contains("t=0.002s") && e.getMessage().contains("replay lockstep:2:"),
                    e.getMessage());
            assertEquals(1, netEvents(sim, "refused").size());
            assertEquals(List.of(), netEvents(sim, "drop"), "closing the refused socket sends nothing");
        }

        @Test
        void bindingAnotherHostsAddressIsRejected() {
            SimNetwork net = SimNetwork.create(sim);
            net.host("db-1", () -> Futures.ready(null));
            SimHost app = net.host("app", () -> failure(TcpListener.bind(at("db-1", 7))));
            Throwable e = (Throwable) sim.blockOn(app.main());
            assertInstanceOf(NoSuchHostException.class, e);
            assertTrue(e.getMessage().contains("can bind only its own name"), e.getMessage());
        }

        @Test
        void aSpawnOnACrashedHostNamesTheHostTimeAndReplayString() {
            SimNetwork net = SimNetwork.create(sim);
            SimHost db = net.host("db-1", () -> Futures.ready(null));
            sim.runUntilIdle();
            net.crash("db-1");
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> db.spawn("late", Futures.ready(1)));
            assertTrue(e.getMessage().contains("host db-1, which is down") && e.getMessage().contains("t=")
                    && e.getMessage().contains("replay lockstep:2:"), e.getMessage());
        }

        @Test
        void aSpawnWithoutANameOrAFutureIsRejectedNamingWhichIsMissing() {
            SimNetwork net = SimNetwork.create(sim);
            SimHost db = net.host("db-1", () -> Futures.ready(null));
            NullPointerException noName = assertThrows(NullPointerException.class,
                    () -> db.spawn(null, Futures.ready(1)));
            assertTrue(noName.getMessage().contains("task name is null"), noName.getMessage());
            NullPointerException noFuture = assertThrows(NullPointerException.class, () -> db.spawn("t", null));
            assertTrue(noFuture.getMessage().contains("future is null"), noFuture.getMessage());
        }
    }

    @Nested
    class Latency {
        @Test
        void choiceZeroIsTheMinimumLatencyAndJitterStaysWithinItsBound() {
            LinkConfig link = LinkConfig.DEFAULT.withLatency(Duration.ofMillis(5), Duration.ofMillis(3));
            List<Long> zero = arrivals(Simulation.builder().choices(ChoiceSource.replay(new int[0])).build(), link);
            assertEquals(List.of(5_000_000L), zero);
            for (long seed = 0; seed < 20; seed++) {
                long t = arrivals(Simulation.builder().seed(seed).build(), link).get(0);
                assertTrue(t >= 5_000_000 && t <= 8_000_000, "seed " + seed + ": arrived at " + t);
            }
        }

        @Test
        void bandwidthSpacesOutWhatIsSentBackToBack() {
            LinkConfig link = LinkConfig.DEFAULT.withLatency(Duration.ofMillis(5), Duration.ZERO).withBandwidth(1000);
            Simulation s = Simulation.builder().seed(1).build();
            SimNetwork net = SimNetwork.builder(s).defaultLink(link).build();
            List<Long> times = new ArrayList<>();
            net.host("b", () -> UdpSocket.bind(at("b", 9)).then(u -> loop(() -> u.receive(ByteBuffer.allocate(200))
                    .map(from -> times.add(s.nanos())))));
            net.host("a", () -> UdpSocket.bind(at("a", 0)).then(u -> u.send(ByteBuffer.allocate(100), at("b", 9))
                    .then(n -> u.send(ByteBuffer.allocate(100), at("b", 9)))));
            s.blockOn(Sleep.of(Duration.ofSeconds(1)));
            assertEquals(List.of(105_000_000L, 205_000_000L), times, "100 B at 1000 B/s take 100 ms each, then 5 ms");
        }

        private List<Long> arrivals(Simulation s, LinkConfig link) {
            SimNetwork net = SimNetwork.builder(s).defaultLink(link).build();
            List<Long> times = new ArrayList<>();
            net.host("b", () -> UdpSocket.bind(at("b", 9)).then(u -> u.receive(ByteBuffer.allocate(8)))
                    .map(from -> times.add(s.nanos())));
            net.host("a", () -> UdpSocket.bind(at("a", 0)).then(u -> u.send(text("x"), at("b", 9))));
            s.blockOn(Sleep.of(Duration.ofSeconds(1)));
            return times;
        }
    }

    @Nested
    class Backpressure {
        @Test
        void aFullSendBufferMakesWritePendingUntilThePeerReads() {
            SimNetwork net = SimNetwork.builder(sim).defaultLink(LinkConfig.DEFAULT.withSendBuffer(1000)).build();
            Promise<Boolean> startReading = new Promise<>();
            Promise<TcpStream> accepted = new Promise<>();
            net.host("db", () -> TcpListener.bind(at("db", 7)).then(TcpListener::accept).then(s -> {
                accepted.set(s);
                return startReading.get().then(go -> readToEnd(s, 300, f -> f));
            }));
            SimHost app = net.host("app", () -> TcpStream.connect(at("db", 7)).then(s -> s.write(ByteBuffer.allocate(
                    1500)).then(first -> Futures.select(s.write(ByteBuffer.allocate(500)), Sleep.of(Duration.ofSeconds(
                    1))).then(blocked -> {
                        startReading.set(true);
                        return s.write(ByteBuffer.allocate(500)).map(third -> {
                            s.close();
                            return List.of(first, blocked instanceof Either.Right ? -1 : 0, third);
                        });
                    }))));
            Object result = sim.blockOn(app.main());
            assertEquals(List.of(1000, -1, 500), result,
                    "first write fills the 1000-byte buffer; the second waits a second in vain; after reads, room");
        }
    }

    @Nested
    class Cancellation {
        @Test
        void aCancelledAcceptTakesNoConnectionAndHoldsNoInterest() {
            SimNetwork net = SimNetwork.create(sim);
            SimHost db = net.host("db", () -> TcpListener.bind(at("db", 7)).then(l -> Futures.select(l.accept(),
                    Sleep.of(Duration.ofMillis(100))).then(first -> registrations().then(left -> l.accept()
                    .then(s -> readToEnd(s, 16, f -> f)).map(b -> List.of(first instanceof Either.Right, left,
                            text(b)))))));
            net.host("app", () -> Sleep.of(Duration.ofMillis(200)).then(v -> TcpStream.connect(at("db", 7)))
                    .then(s -> s.writeAll(text("late")).map(v -> {
                        s.close();
                        return null;
                    })));
            assertEquals(List.of(true, 0, "late"), sim.blockOn(db.main()));
        }
    }

    @Nested
    class ReactorRegistrations {
        @Test
        void aSourceThatIsReadyAlreadyWakesItsRegistrationAtOnce() {
            SimNetwork net = SimNetwork.create(sim);
            CountingWaker waker = Wakers.counting();
            SimHost h = net.host("h", () -> UdpSocket.bind(at("h", 9)).then(u -> Futures.pollFn(cx -> {
                Registration writable = Reactor.of(cx).register(u.source(), Interest.WRITABLE, waker.waker());
                Registration readable = Reactor.of(cx).register(u.source(), Interest.READABLE, waker.waker());
                boolean[] active = {writable.isActive(), readable.isActive()};
                readable.deregister();
                return Poll.ready(List.of(active[0], active[1], waker.wakeCount(), net.registrations()));
            })));
            assertEquals(List.of(false, true, 1, 0), sim.blockOn(h.main()),
                    "writable at once (woken, inactive); readable waits until deregistered");
        }
    }
}
