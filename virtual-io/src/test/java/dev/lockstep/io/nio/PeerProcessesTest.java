package dev.lockstep.io.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.io.TcpListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The child JVMs of the NIO behaviour suite never outlive their scenario. */
class PeerProcessesTest {

    /** The children of this JVM that run {@link KillablePeer}. */
    static List<ProcessHandle> livePeers() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).filter(p -> p.info().commandLine()
                .orElse("").contains(KillablePeer.class.getName())).toList();
    }

    @Nested
    class Ending {
        @Test
        void closeKillsEveryChildStillAliveAndNoChildStartsAfterIt() throws Exception {
            try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(
                    InetAddress.getLoopbackAddress(), 0))) {
                InetSocketAddress at = (InetSocketAddress) server.getLocalAddress();
                PeerProcesses peers = new PeerProcesses();
                peers.start("peer", at);
                try (SocketChannel accepted = server.accept()) {
                    assertEquals(1, livePeers().size(), "the child runs: " + livePeers());
                    peers.close();
                    assertEquals(List.of(), livePeers(), "close() waited for the child to be gone");
                    assertEquals(-1, accepted.read(java.nio.ByteBuffer.allocate(1)), "its socket was closed");
                }
                IllegalStateException late = assertThrows(IllegalStateException.class, () -> peers.start("late", at));
                assertTrue(late.getMessage().contains("already ended"), late.getMessage());
            }
        }

        @Test
        void aScenarioThatFailsAfterStartingAPeerLeavesNoChildBehind() {
            AssertionError e = assertThrows(AssertionError.class, () -> new NioReactorBehaviourTest().check(w -> w.host(
                    "server", () -> Async.async(a -> {
                        TcpListener l = a.await(TcpListener.bind(w.bindAddress("server")));
                        a.await(w.peerProcess("peer", l.localAddress()));
                        throw new IllegalStateException("planned failure with the peer alive");
                    })), v -> { }));
            assertTrue(e.getMessage().contains("planned failure"), e.getMessage());
            assertEquals(List.of(), livePeers(), "the failed scenario's child was killed");
        }

        @Test
        void aChildThatCannotConnectSaysWhatItPrinted() throws IOException {
            InetSocketAddress nothing;
            try (ServerSocketChannel probe = ServerSocketChannel.open().bind(new InetSocketAddress(
                    InetAddress.getLoopbackAddress(), 0))) {
                nothing = (InetSocketAddress) probe.getLocalAddress();
            }
            try (PeerProcesses peers = new PeerProcesses()) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> peers.start("peer", nothing));
                assertTrue(e.getMessage().contains("did not print 'connected...'")
                        && e.getMessage().contains("Connection refused"), e.getMessage());
            }
            assertEquals(List.of(), livePeers());
        }
    }
}
