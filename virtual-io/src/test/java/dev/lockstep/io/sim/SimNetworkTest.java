package dev.lockstep.io.sim;

import static dev.lockstep.io.Flows.failure;
import static dev.lockstep.io.Flows.loop;
import static dev.lockstep.io.Flows.readToEnd;
import static dev.lockstep.io.Flows.registrations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.future.Either;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.CountingWaker;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Wakers;
import dev.lockstep.io.ConnectionRefusedException;
import dev.lockstep.io.ConnectionResetException;
import dev.lockstep.io.NetException;
import dev.lockstep.io.NoSuchHostException;
import dev.lockstep.io.Interest;
import dev.lockstep.io.Promise;
import dev.lockstep.io.Reactor;
import dev.lockstep.io.Registration;
import dev.lockstep.io.SocketClosedException;
import dev.lockstep.io.TcpListener;
import dev.lockstep.io.TcpStream;
import dev.lockstep.io.UdpSocket;
import dev.lockstep.runtime.ChoiceSource;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.runtime.TraceEvent;
import dev.lockstep.time.Sleep;
import dev.lockstep.time.TimeoutExpiredException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
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

    List<TraceEvent.Net> netEvents(String kind) {
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
            assertTrue(e.getMessage().contains("t=0.002s") && e.getMessage().contains("replay lockstep:1:"),
                    e.getMessage());
            assertEquals(1, netEvents("refused").size());
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
    class Partitions {
        @Test
        void aPartitionStallsTcpUntilItHealsAndLosesNothing() {
            SimNetwork net = SimNetwork.create(sim);
            Promise<TcpStream> accepted = new Promise<>();
            SimHost db = net.host("db", () -> sink("db", accepted));
            net.host("app", () -> TcpStream.connect(at("db", 7)).then(s -> s.writeAll(text("before,"))
                    .then(v -> after(Duration.ofMillis(100), () -> net.partition("app", "db")))
                    .then(v -> s.writeAll(text("during,")))
                    .then(v -> after(Duration.ofSeconds(5), () -> net.heal("app", "db")))
                    .then(v -> s.writeAll(text("after"))).map(v -> {
                        s.close();
                        return null;
                    })));
            byte[] got = (byte[]) sim.blockOn(db.main());
            assertEquals("before,during,after", text(got));
            assertTrue(sim.nanos() > 5_100_000_000L, "the data waited for the heal at 5.1 s");
            assertTrue(netEvents("stall").size() >= 1, "the stall is traced");
        }

        @Test
        void aPartitionedReadWaitsUntilTheCallersTimeoutFires() {
            SimNetwork net = SimNetwork.create(sim);
            Promise<TcpStream> accepted = new Promise<>();
            net.host("db", () -> sink("db", accepted));
            SimHost app = net.host("app", () -> TcpStream.connect(at("db", 7)).then(s -> {
                net.partition("app", "db");
                return failure(s.read(ByteBuffer.allocate(8)).timeout(Duration.ofSeconds(3)));
            }));
            assertInstanceOf(TimeoutExpiredException.class, sim.blockOn(app.main()));
            assertEquals(1, net.registrations(), "only the server's read is still registered; the timed-out read"
                    + " released its interest");
        }

        @Test
        void aPartitionDropsDatagramsOneWayAndTracesEachDrop() {
            SimNetwork net = SimNetwork.create(sim);
            List<String> atB = new ArrayList<>();
            List<String> atA = new ArrayList<>();
            net.host("a", () -> collect("a", atA));
            net.host("b", () -> collect("b", atB));
            net.partitionOneWay("a", "b");
            sim.spawnOnHost("a", "send", sendAll("a", "b", List.of("1", "2", "3"), Duration.ofMillis(10)));
            sim.spawnOnHost("b", "send", sendAll("b", "a", List.of("x", "y"), Duration.ofMillis(10)));
            sim.blockOn(Sleep.of(Duration.ofSeconds(1)));
            assertEquals(List.of(), atB);
            assertEquals(List.of("x", "y"), atA);
            assertEquals(3, netEvents("drop").stream().filter(n -> n.detail().endsWith("partition")).count());
        }

        @Test
        void holdKeepsDatagramsUntilReleaseAndThenDeliversThemInOrder() {
            SimNetwork net = SimNetwork.builder(sim).defaultLink(LinkConfig.DEFAULT.withLatency(Duration.ofMillis(1),
                    Duration.ZERO)).build();
            List<String> atB = new ArrayList<>();
            net.host("b", () -> collect("b", atB));
            net.host("a", () -> sendAll("a", "b", List.of("1", "2", "3"), Duration.ofMillis(10)));
            net.hold("a", "b");
            List<String> beforeRelease = new ArrayList<>();
            sim.blockOn(after(Duration.ofSeconds(1), () -> {
                beforeRelease.addAll(atB);
                net.release("a", "b");
            }).then(v -> Sleep.of(Duration.ofSeconds(1))));
            assertEquals(List.of(), beforeRelease);
            assertEquals(List.of("1", "2", "3"), atB);
            assertEquals(0, netEvents("drop").size());
        }

        @Test
        void faultsNameTwoDifferentKnownHosts() {
            SimNetwork net = SimNetwork.create(sim);
            net.host("a", () -> Futures.ready(null));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> net.partition("a", "a")).getMessage()
                    .contains("link to itself"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> net.partition("a", "z")).getMessage()
                    .contains("no host named 'z'"));
        }
    }

    @Nested
    class Crashes {
        @Test
        void aCrashCancelsTheHostsTasksReleasesTheirInterestAndResetsThePeer() {
            SimNetwork net = SimNetwork.create(sim);
            Promise<TcpStream> accepted = new Promise<>();
            SimHost db = net.host("db", () -> sink("db", accepted));
            SimHost app = net.host("app", () -> TcpStream.connect(at("db", 7)).then(s -> s.writeAll(text("hi")))
                    .then(v -> after(Duration.ofMillis(50), () -> net.crash("db")))
                    .then(v -> Sleep.of(Duration.ofMillis(50)))
                    .then(v -> Futures.pollFn(cx -> Poll.ready(net.registrations()))));
            assertEquals(0, sim.blockOn(app.main()), "the crashed reader's interest is gone");
            assertTrue(db.main().isFinished() && !db.isUp());
            assertEquals(1, netEvents("crash").size());
        }

        @Test
        void aPeerWaitingToReadSeesTheResetAfterTheDataAlreadyInFlight() {
            SimNetwork net = SimNetwork.create(sim);
            Promise<TcpStream> accepted = new Promise<>();
            net.host("db", () -> TcpListener.bind(at("db", 7)).then(TcpListener::accept).then(s -> s.writeAll(text(
                    "last words")).map(v -> {
                        net.crash("db");
                        return null;
                    })));
            SimHost app = net.host("app", () -> TcpStream.connect(at("db", 7)).then(s -> {
                ByteBuffer buf = ByteBuffer.allocate(64);
                return failure(loop(() -> s.read(buf).map(n -> true))).map(e -> List.of(e, text(Arrays.copyOf(
                        buf.array(), buf.position()))));
            }));
            List<?> r = (List<?>) sim.blockOn(app.main());
            assertInstanceOf(ConnectionResetException.class, r.get(0));
            assertTrue(((Throwable) r.get(0)).getMessage().contains("crashed"), ((Throwable) r.get(0)).getMessage());
            assertEquals("last words", r.get(1));
            assertEquals(1, netEvents("reset").size());
        }

        @Test
        void aConnectToACrashedHostWaitsForTheCallersTimeout() {
            SimNetwork net = SimNetwork.create(sim);
            net.host("db", () -> TcpListener.bind(at("db", 7)).then(l -> Futures.pending()));
            net.crash("db");
            SimHost app = net.host("app", () -> failure(TcpStream.connect(at("db", 7)).timeout(Duration.ofSeconds(
                    2))));
            assertInstanceOf(TimeoutExpiredException.class, sim.blockOn(app.main()));
            assertTrue(netEvents("drop").get(0).detail().contains("SYN for crashed host db"));
        }

        @Test
        void restartRunsMainAgainWithNoMemoryOfTheLastIncarnation() {
            SimNetwork net = SimNetwork.create(sim);
            int[] starts = {0};
            Supplier<Future<Void>> server = () -> {
                starts[0]++;
                List<String> memory = new ArrayList<>();
                return TcpListener.bind(at("db", 7)).then(l -> loop(() -> l.accept().then(s -> readToEnd(s, 64,
                        f -> f)).map(b -> {
                            memory.add(text(b));
                            return true;
                        })));
            };
            net.host("db", server);
            Supplier<Future<Void>> put = () -> TcpStream.connect(at("db", 7)).then(s -> s.writeAll(text("v"))
                    .map(v -> {
                        s.close();
                        return null;
                    }));
            SimHost app = net.host("app", () -> put.get().then(v -> after(Duration.ofMillis(10),
                    () -> net.restart("db"))).then(v -> put.get()));
            sim.blockOn(app.main());
            assertEquals(2, starts[0]);
            assertEquals(2, net.host("db").incarnation());
            assertTrue(net.host("db").isUp());
            assertEquals(List.of("crash", "restart"), List.of(netEvents("crash").get(0).kind(),
                    netEvents("restart").get(0).kind()));
        }

        @Test
        void aSocketKeptPastItsHostsCrashFailsNamingTheCrash() {
            SimNetwork net = SimNetwork.create(sim);
            Promise<UdpSocket> kept = new Promise<>();
            net.host("db", () -> UdpSocket.bind(at("db", 9)).map(u -> {
                kept.set(u);
                return null;
            }));
            sim.blockOn(Sleep.of(Duration.ofMillis(1)));
            net.crash("db");
            SimHost app = net.host("app", () -> kept.get().then(u -> failure(u.receive(ByteBuffer.allocate(4)))));
            Throwable e = (Throwable) sim.blockOn(app.main());
            assertInstanceOf(SocketClosedException.class, e);
            assertTrue(e.getMessage().contains("which crashed"), e.getMessage());
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
