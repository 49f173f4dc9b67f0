package dev.lockstep.io;

import static dev.lockstep.io.Flows.failure;
import static dev.lockstep.io.Flows.loop;
import static dev.lockstep.io.Flows.readToEnd;
import static dev.lockstep.io.Flows.registrations;
import static dev.lockstep.io.Flows.spawn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.async.AsyncScope;
import dev.lockstep.future.Either;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.time.Sleep;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Reactor} backend must show, written once against the public socket
 * API: the simulated network and the real NIO backend each run it through a subclass, so user
 * code tested in simulation behaves the same in production.
 *
 * <p>A scenario starts hosts in a {@link World} and returns the future the test waits for; the
 * subclass decides what a host is (a simulated host, or a task on a real runtime), which address a
 * server binds, how a host crashes, and what a peer in a process of its own is (a simulated host
 * killed by {@code SimNetwork.kill}, or a child JVM killed with {@code SIGKILL}). Every socket
 * future goes through {@link #io}, where a subclass may inject faults such as spurious wakeups.
 */
public abstract class NetworkBehaviourTestCase {

    /** The world a scenario runs in. */
    public interface World {
        /** Starts {@code main} as the host {@code name}; the future completes with main's value. */
        <T> Future<T> host(String name, Supplier<Future<T>> main);

        /** An address a socket of {@code host} can bind, with port 0 (any free port). */
        InetSocketAddress bindAddress(String host);

        /** An address of a reachable host where nothing listens. */
        InetSocketAddress refusedAddress();

        /**
         * Crashes {@code host} while {@code connection} (one of its streams) is open, from one of
         * its own tasks: the peer must see a reset. In simulation this is {@code SimNetwork.crash};
         * a real machine that vanishes sends nothing at all, so on NIO the stand-in is what the
         * peer sees when that machine comes back and answers: an abrupt close
         * ({@code SO_LINGER 0}, a RST) of {@code connection}.
         */
        void crash(String host, TcpStream connection);

        /**
         * Starts {@code name}, a peer in a process of its own, that connects to {@code server}
         * and then never reads or writes; completes once it is connected. Its end of the
         * connection is the one the server accepts next.
         */
        Future<PeerProcess> peerProcess(String name, InetSocketAddress server);
    }

    /** A peer started by {@link World#peerProcess}, to be killed. */
    public interface PeerProcess {
        /** Completes once the peer holds received bytes that it has not read (it never reads). */
        Future<Void> holdsUnread();

        /**
         * Kills the peer's process ({@code SIGKILL}: nothing of it runs any more, and the OS
         * closes its sockets); completes once the kill took effect.
         */
        Future<Void> kill();
    }

    /**
     * Runs {@code scenario} (once or, in simulation, over several seeds) and applies
     * {@code assertion} to the value of each run.
     */
    protected abstract <T> void check(Function<World, Future<T>> scenario, Consumer<T> assertion);

    /** Every socket future of the scenarios passes through here. */
    protected <T> Future<T> io(Future<T> future) {
        return future;
    }

    // ---------------------------------------------------------------- building blocks

    /** Echoes {@code s} until end of stream, then shuts its output down. */
    Future<Void> echo(TcpStream s) {
        ByteBuffer buf = ByteBuffer.allocate(1024);
        return loop(() -> io(s.read(buf.clear())).then(n -> {
            if (n < 0) {
                s.shutdownOutput();
                return Futures.ready(false);
            }
            return io(s.writeAll(buf.flip())).map(v -> true);
        }));
    }

    /** Accepts {@code connections} connections on {@code host}, echoing each in a task of its own. */
    Future<Void> echoServer(World w, String host, Promise<InetSocketAddress> bound, int connections) {
        return io(TcpListener.bind(w.bindAddress(host))).then(listener -> {
            bound.set(listener.localAddress());
            List<JoinHandle<Void>> echoes = new ArrayList<>();
            int[] left = {connections};
            return loop(() -> left[0]-- == 0 ? Futures.ready(false)
                    : io(listener.accept()).then(s -> spawn("echo", echo(s))).map(h -> echoes.add(h)))
                    .then(v -> Futures.joinAll(echoes)).map(all -> (Void) null);
        });
    }

    /** Connects, sends {@code message}, shuts its output down and reads the reply to its end. */
    Future<byte[]> exchange(Promise<InetSocketAddress> server, byte[] message) {
        return server.get().then(a -> io(TcpStream.connect(a))).then(s -> io(s.writeAll(ByteBuffer.wrap(message)))
                .then(v -> {
                    s.shutdownOutput();
                    return readToEnd(s, 512, this::io);
                }).map(reply -> {
                    s.close();
                    return reply;
                }));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] pattern(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + (i >>> 9));
        }
        return b;
    }

    // ---------------------------------------------------------------- the suite

    @Nested
    class Echo {
        @Test
        void aClientGetsBackExactlyWhatItSent() {
            check(w -> {
                Promise<InetSocketAddress> bound = new Promise<>();
                w.host("server", () -> echoServer(w, "server", bound, 1));
                return w.host("client", () -> exchange(bound, bytes("hello, lockstep")));
            }, reply -> assertEquals("hello, lockstep", new String(reply, StandardCharsets.UTF_8)));
        }

        @Test
        void manyClientsAreServedConcurrentlyAndEachGetsItsOwnBytesBack() {
            int clients = 6;
            check(w -> {
                Promise<InetSocketAddress> bound = new Promise<>();
                w.host("server", () -> echoServer(w, "server", bound, clients));
                List<Future<String>> replies = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    String message = ("client " + i + " says hi; ").repeat(20 + i);
                    replies.add(w.host("client-" + i, () -> exchange(bound, bytes(message))
                            .map(r -> new String(r, StandardCharsets.UTF_8))));
                }
                return Futures.joinAll(replies);
            }, replies -> {
                for (int i = 0; i < clients; i++) {
                    assertEquals(("client " + i + " says hi; ").repeat(20 + i), replies.get(i), "client " + i);
                }
            });
        }
    }

    @Nested
    class HalfClose {
        @Test
        void theServerRepliesAfterTheClientShutsDownItsOutputAndTheClientStillReadsIt() {
            check(w -> {
                Promise<InetSocketAddress> bound = new Promise<>();
                w.host("server", () -> io(TcpListener.bind(w.bindAddress("server"))).then(l -> {
                    bound.set(l.localAddress());
                    return io(l.accept());
                }).then(s -> readToEnd(s, 64, NetworkBehaviourTestCase.this::io).then(request -> io(s.writeAll(
                        ByteBuffer.wrap(bytes("got " + request.length + " bytes"))))).map(v -> {
                            s.close();
                            return null;
                        })));
                return w.host("client", () -> exchange(bound, pattern(3000)));
            }, reply -> assertEquals("got 3000 bytes", new String(reply, StandardCharsets.UTF_8)));
        }

        @Test
        void aWriteAfterShutdownOutputFailsWithWriteAfterShutdown() {
            check(w -> {
                Promise<InetSocketAddress> bound = new Promise<>();
                w.host("server", () -> echoServer(w, "server", bound, 1));
                return w.host("client", () -> bound.get().then(a -> io(TcpStream.connect(a))).then(s -> {
                    s.shutdownOutput();
                    return failure(io(s.write(ByteBuffer.wrap(bytes("late"))))).map(e -> {
                        s.close();
                        return e;
                    });
                }));
            }, e -> {
                assertInstanceOf(WriteAfterShutdownException.class, e);
                assertTrue(e.getMessage().contains("shutdownOutput"), e.getMessage());
            });
        }
    }

    @Nested
    class LargeTransfers {
        @Test
        void halfAMegabyteArrivesIntactAndInOrderSplitAcrossManyReads() {
            int size = 512 * 1024;
            check(w -> {
                Promise<InetSocketAddress> bound = new Promise<>();
                int[] reads = {0};
                Future<byte[]> received = w.host("server", () -> io(TcpListener.bind(w.bindAddress("server")))
                        .then(l -> {
                            bound.set(l.localAddress());
                            return io(l.accept());
                        }).then(s -> readToEnd(s, 8192, f -> io(f).map(n -> {
                            reads[0]++;
                            return n;
                        }))));
                w.host("client", () -> bound.get().then(a -> io(TcpStream.connect(a)))
                        .then(s -> io(s.writeAll(ByteBuffer.wrap(pattern(size)))).map(v -> {
                            s.close();
                            return null;
                        })));
                return received.map(b -> new Received(b, reads[0]));
            }, r -> {
                assertArrayEquals(pattern(size), r.bytes());
                assertTrue(r.reads() > size / 8192, "expected the bytes split across many reads, got " + r.reads());
            });
        }
    }

    /** What a receiver got, and in how many reads. */
    record Received(byte[] bytes, int reads) {}

    @Nested
    class Failures {
        @Test
        void connectingWhereNothingListensIsRefused() {
            check(w -> w.host("client", () -> failure(io(TcpStream.connect(w.refusedAddress())))), e -> {
                assertInstanceOf(ConnectionRefusedException.class, e);
                assertTrue(e.getMessage().contains("refused"), e.getMessage());
            });
        }

        @Test
        void aCrashedPeerResetsTheConnectionOfAClientWaitingToRead() {
            check(w -> {
                Promise<InetSocketAddress> bound = new Promise<>();
                w.host("server", () -> io(TcpListener.bind(w.bindAddress("server"))).then(l -> {
                    bound.set(l.localAddress());
                    return io(l.accept());
                }).then(s -> {
                    ByteBuffer ping = ByteBuffer.allocate(4);
                    return loop(() -> io(s.read(ping)).map(n -> ping.hasRemaining())).map(v -> {
                        w.crash("server", s);
                        return null;
                    });
                }));
                return w.host("client", () -> bound.get().then(a -> io(TcpStream.connect(a))).then(s -> io(
                        s.writeAll(ByteBuffer.wrap(bytes("ping")))).then(v -> failure(io(s.read(ByteBuffer.allocate(
                        16)))))));
            }, e -> {
                assertInstanceOf(ConnectionResetException.class, e);
                assertTrue(e.getMessage().contains("reset"), e.getMessage());
            });
        }

        @Test
        void bindingAPortThatIsTakenFailsWithAddressInUse() {
            check(w -> w.host("server", () -> io(TcpListener.bind(w.bindAddress("server")))
                    .then(first -> failure(io(TcpListener.bind(first.localAddress()))).map(e -> {
                        first.close();
                        return e;
                    }))), e -> {
                        assertInstanceOf(AddressInUseException.class, e);
                        assertTrue(e.getMessage().contains("in use"), e.getMessage());
                    });
        }
    }

    @Nested
    class Datagrams {
        @Test
        void aDatagramIsEchoedBackToItsSender() {
            check(w -> {
                Promise<InetSocketAddress> bound = new Promise<>();
                w.host("server", () -> io(UdpSocket.bind(w.bindAddress("server"))).then(u -> {
                    bound.set(u.localAddress());
                    ByteBuffer buf = ByteBuffer.allocate(256);
                    return io(u.receive(buf)).then(from -> io(u.send(buf.flip(), from)));
                }));
                return w.host("client", () -> io(UdpSocket.bind(w.bindAddress("client"))).then(u -> bound.get()
                        .then(a -> io(u.send(ByteBuffer.wrap(bytes("marco")), a))).then(n -> {
                            ByteBuffer buf = ByteBuffer.allocate(256);
                            return io(u.receive(buf)).map(from -> new String(buf.array(), 0, buf.position(),
                                    StandardCharsets.UTF_8));
                        })));
            }, reply -> assertEquals("marco", reply));
        }

        @Test
        void aDatagramOfAtMost65507BytesIsSentAndALargerOneFailsTheSend() {
            check(w -> w.host("client", () -> io(UdpSocket.bind(w.bindAddress("client"))).then(u -> io(u.send(
                    ByteBuffer.allocate(65_507), u.localAddress())).then(n -> io(u.receive(ByteBuffer.allocate(70_000)))
                    .then(from -> failure(io(u.send(ByteBuffer.allocate(65_508), u.localAddress())))
                            .map(e -> {
                                u.close();
                                return n + " " + e.getClass().getSimpleName() + ": " + e.getMessage();
                            }))))), outcome -> {
                assertTrue(outcome.startsWith("65507 NetException: "), outcome);
                assertTrue(outcome.contains("Message too long"), outcome);
            });
        }
    }

    @Nested
    class Cancellation {
        @Test
        void aCancelledReadReleasesItsInterestAndLosesNoData() {
            check(w -> {
                Promise<InetSocketAddress> bound = new Promise<>();
                Promise<Boolean> go = new Promise<>();
                Promise<Boolean> accepted = new Promise<>();
                w.host("server", () -> io(TcpListener.bind(w.bindAddress("server"))).then(l -> {
                    bound.set(l.localAddress());
                    return io(l.accept());
                }).then(s -> {
                    accepted.set(true); // its accept no longer holds a registration
                    return go.get().then(x -> io(s.writeAll(ByteBuffer.wrap(bytes("after"))))).map(v -> {
                        s.close();
                        return null;
                    });
                }));
                return w.host("client", () -> bound.get().then(a -> io(TcpStream.connect(a)))
                        .then(s -> accepted.get().map(x -> s)).then(s -> Futures
                        .select(io(s.read(ByteBuffer.allocate(16))), Sleep.of(Duration.ofMillis(20)))
                        .then(first -> registrations().then(left -> {
                            go.set(true);
                            return readToEnd(s, 16, NetworkBehaviourTestCase.this::io)
                                    .map(rest -> new AfterCancel(first, left, rest));
                        }))));
            }, r -> {
                assertInstanceOf(Either.Right.class, r.first(), "the sleep should win: nothing was sent yet");
                assertEquals(0, r.registrationsLeft(), "registrations left after the read was cancelled");
                assertEquals("after", new String(r.rest(), StandardCharsets.UTF_8));
            });
        }
    }

    // ---------------------------------------------------------------- closes and resets

    /** The outcome of one read or write: {@code data}, {@code end-of-stream}, {@code reset}, {@code closed}. */
    static String attempt(AsyncScope a, Future<Integer> op) {
        try {
            return a.await(op) < 0 ? "end-of-stream" : "data";
        } catch (ConnectionResetException e) {
            return "reset";
        } catch (SocketClosedException e) {
            return "closed";
        } catch (NetException e) {
            return e.getClass().getSimpleName();
        }
    }

    /** One end's part in a close-or-reset scenario, as sequential code over its stream. */
    interface Side {
        String run(AsyncScope a, TcpStream s);
    }

    /**
     * The server accepts one connection and runs {@code server} on it; the client connects and
     * runs {@code client}, closing its stream at the end. Completes with what the client returns.
     */
    Future<String> pair(World w, Side server, Side client) {
        Promise<InetSocketAddress> bound = new Promise<>();
        w.host("server", () -> Async.async(a -> {
            TcpListener l = a.await(io(TcpListener.bind(w.bindAddress("server"))));
            bound.set(l.localAddress());
            TcpStream s = a.await(io(l.accept()));
            l.close();
            return server.run(a, s);
        }));
        return w.host("client", () -> Async.async(a -> {
            try (TcpStream s = a.await(io(TcpStream.connect(a.await(bound.get()))))) {
                return client.run(a, s);
            }
        }));
    }

    /**
     * The server accepts a connection from a {@linkplain World#peerProcess peer process}, writes
     * to it if {@code unread} (and waits until the bytes sit unread in the peer's receive buffer),
     * kills the peer, and reports what its own stream sees afterwards.
     */
    Future<String> killedPeer(World w, boolean unread) {
        return w.host("server", () -> Async.async(a -> {
            TcpListener l = a.await(io(TcpListener.bind(w.bindAddress("server"))));
            PeerProcess peer = a.await(w.peerProcess("peer", l.localAddress()));
            try (TcpStream s = a.await(io(l.accept()))) {
                l.close();
                if (unread) {
                    a.await(io(s.writeAll(ByteBuffer.wrap(bytes("unread data")))));
                    a.await(peer.holdsUnread());
                }
                a.await(peer.kill());
                if (unread) {
                    return "read: " + readOnce(a, s) + "; read again: " + readOnce(a, s);
                }
                return "read: " + readOnce(a, s) + "; read again: " + readOnce(a, s) + "; write until it fails: "
                        + writeUntilItFails(a, s) + "; read: " + readOnce(a, s);
            }
        }));
    }

    String readOnce(AsyncScope a, TcpStream s) {
        return attempt(a, io(s.read(ByteBuffer.allocate(64))));
    }

    /**
     * Writes 1 KiB at a time, 1 ms apart, until a write fails or 5,000 have gone through; the
     * outcome of the last. The pause lets a reset that a write provoked come back before the next.
     */
    String writeUntilItFails(AsyncScope a, TcpStream s) {
        String written = "data";
        for (int i = 0; i < 5000 && written.equals("data"); i++) {
            written = attempt(a, io(s.write(ByteBuffer.wrap(pattern(1024)))));
            a.sleep(Duration.ofMillis(1));
        }
        return written;
    }

    /**
     * Every way a connection ends, each as the other end sees it: both backends print the same
     * table. A close with received bytes unread resets (as Linux does), and a reset is sticky:
     * every later read and write fails. A killed process is closed by its OS as {@code close()}
     * would: with unread bytes a reset; with none a FIN, and a later write of the survivor
     * provokes a reset. A crash (the machine gone) resets in simulation; on NIO an abrupt close
     * stands in for it (see {@link World#crash}).
     */
    @Nested
    class ClosesAndResets {
        final List<String> table = new ArrayList<>();

        /** Checks that {@code scenario} ends as {@code expected}, and adds the row to the table. */
        void row(String path, String expected, Function<World, Future<String>> scenario) {
            check(scenario, outcome -> assertEquals(expected, outcome, path));
            table.add("| " + path + " | " + expected + " |");
        }

        String read(AsyncScope a, TcpStream s) {
            return readOnce(a, s);
        }

        String write(AsyncScope a, TcpStream s) {
            return attempt(a, io(s.write(ByteBuffer.wrap(pattern(1024)))));
        }

        @Test
        void everyCloseAndResetPathEndsAlikeAndPrintsTheSameOutcomeTable() {
            row("orderly close", "read: data, end-of-stream; read again: end-of-stream", w -> pair(w, (a, s) -> {
                a.await(io(s.writeAll(ByteBuffer.wrap(bytes("bye")))));
                s.close();
                return "";
            }, (a, s) -> {
                String first = read(a, s);
                String next = read(a, s);
                while (next.equals("data")) {
                    next = read(a, s);
                }
                return "read: " + first + ", " + next + "; read again: " + read(a, s);
            }));
            row("close with unread data", "read: reset; read again: reset", w -> pair(w, (a, s) -> {
                a.await(io(s.read(ByteBuffer.allocate(1)))); // waits, so the NIO channel is registered
                a.sleep(Duration.ofMillis(60));
                s.close(); // "unread data" arrived meanwhile and is left unread
                return "";
            }, (a, s) -> {
                a.sleep(Duration.ofMillis(20));
                a.await(io(s.writeAll(ByteBuffer.wrap(bytes("x")))));
                a.sleep(Duration.ofMillis(10));
                a.await(io(s.writeAll(ByteBuffer.wrap(bytes("unread data")))));
                return "read: " + read(a, s) + "; read again: " + read(a, s);
            }));
            row("abrupt close", "read: reset; read again: reset", w -> pair(w, (a, s) -> {
                s.closeAbruptly();
                return "";
            }, (a, s) -> "read: " + read(a, s) + "; read again: " + read(a, s)));
            String crash = "peer crash (NIO: an abrupt close stands in)";
            row(crash, "read: reset; read again: reset", w -> pair(w, (a, s) -> {
                a.await(io(s.read(ByteBuffer.allocate(4))));
                w.crash("server", s);
                return "";
            }, (a, s) -> {
                a.await(io(s.writeAll(ByteBuffer.wrap(bytes("ping")))));
                return "read: " + read(a, s) + "; read again: " + read(a, s);
            }));
            row("peer process killed with unread data", "read: reset; read again: reset", w -> killedPeer(w, true));
            row("peer process killed, nothing unread", "read: end-of-stream; read again: end-of-stream; write until it"
                    + " fails: reset; read: reset", w -> killedPeer(w, false));
            row("write after reset", "read: reset; write: reset; write again: reset", w -> pair(w, (a, s) -> {
                s.closeAbruptly();
                return "";
            }, (a, s) -> "read: " + read(a, s) + "; write: " + write(a, s) + "; write again: " + write(a, s)));
            row("read after reset", "write until it fails: reset; read: reset; read again: reset", w -> pair(w,
                    (a, s) -> {
                        s.closeAbruptly();
                        return "";
                    }, (a, s) -> "write until it fails: " + writeUntilItFails(a, s) + "; read: " + read(a, s)
                            + "; read again: " + read(a, s)));
            String printed = "| path | what the other end sees |\n" + String.join("\n", table);
            System.out.println("close and reset outcomes on " + NetworkBehaviourTestCase.this.getClass()
                    .getSimpleName() + ":\n" + printed);
            assertEquals(String.join("\n", "| path | what the other end sees |",
                    "| orderly close | read: data, end-of-stream; read again: end-of-stream |",
                    "| close with unread data | read: reset; read again: reset |",
                    "| abrupt close | read: reset; read again: reset |",
                    "| peer crash (NIO: an abrupt close stands in) | read: reset; read again: reset |",
                    "| peer process killed with unread data | read: reset; read again: reset |",
                    "| peer process killed, nothing unread | read: end-of-stream; read again: end-of-stream;"
                            + " write until it fails: reset; read: reset |",
                    "| write after reset | read: reset; write: reset; write again: reset |",
                    "| read after reset | write until it fails: reset; read: reset; read again: reset |"), printed);
        }
    }

    /** What the cancellation scenario saw: who won the select, registrations left, what came later. */
    record AfterCancel(Either<Integer, Void> first, int registrationsLeft, byte[] rest) {}
}
