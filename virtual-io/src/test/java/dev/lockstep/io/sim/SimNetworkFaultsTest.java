package dev.lockstep.io.sim;

import static dev.lockstep.io.Flows.failure;
import static dev.lockstep.io.Flows.loop;
import static dev.lockstep.io.Flows.readToEnd;
import static dev.lockstep.io.sim.SimNetworkTest.after;
import static dev.lockstep.io.sim.SimNetworkTest.at;
import static dev.lockstep.io.sim.SimNetworkTest.collect;
import static dev.lockstep.io.sim.SimNetworkTest.netEvents;
import static dev.lockstep.io.sim.SimNetworkTest.sendAll;
import static dev.lockstep.io.sim.SimNetworkTest.sink;
import static dev.lockstep.io.sim.SimNetworkTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;
import dev.lockstep.future.TimeoutExpiredException;
import dev.lockstep.io.ConnectionResetException;
import dev.lockstep.io.Promise;
import dev.lockstep.io.SocketClosedException;
import dev.lockstep.io.TcpListener;
import dev.lockstep.io.TcpStream;
import dev.lockstep.io.UdpSocket;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.time.Sleep;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The fault API of {@link SimNetwork}: partitions, holds, crashes and restarts. */
class SimNetworkFaultsTest {
    final Simulation sim = Simulation.builder().seed(7).traceCapacity(Integer.MAX_VALUE).build();

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
            assertTrue(netEvents(sim, "stall").size() >= 1, "the stall is traced");
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
            assertEquals(3, netEvents(sim, "drop").stream().filter(n -> n.detail().endsWith("partition")).count());
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
            assertEquals(0, netEvents(sim, "drop").size());
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

        @Test
        void aFaultOnAnUnknownHostNamesTheStepTimeAndReplayString() {
            SimNetwork net = SimNetwork.create(sim);
            net.host("a", () -> Futures.ready(null));
            String[] message = new String[1];
            sim.blockOn(Sleep.of(Duration.ofMillis(3)).map(v -> {
                message[0] = assertThrows(IllegalArgumentException.class, () -> net.crash("z")).getMessage();
                return null;
            }));
            assertTrue(message[0].contains("no host named 'z'; hosts: [a]") && message[0].contains("t=0.003s")
                    && message[0].contains("replay lockstep:2:"), message[0]);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> net.host("a", () -> Futures.ready(null)))
                    .getMessage().contains("replay lockstep:2:"));
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
            assertEquals(1, netEvents(sim, "crash").size());
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
            assertEquals(1, netEvents(sim, "reset").size());
        }

        @Test
        void aConnectToACrashedHostWaitsForTheCallersTimeout() {
            SimNetwork net = SimNetwork.create(sim);
            net.host("db", () -> TcpListener.bind(at("db", 7)).then(l -> Futures.pending()));
            net.crash("db");
            SimHost app = net.host("app", () -> failure(TcpStream.connect(at("db", 7)).timeout(Duration.ofSeconds(
                    2))));
            assertInstanceOf(TimeoutExpiredException.class, sim.blockOn(app.main()));
            assertTrue(netEvents(sim, "drop").get(0).detail().contains("SYN for crashed host db"));
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
            assertEquals(List.of("crash", "restart"), List.of(netEvents(sim, "crash").get(0).kind(),
                    netEvents(sim, "restart").get(0).kind()));
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
}
