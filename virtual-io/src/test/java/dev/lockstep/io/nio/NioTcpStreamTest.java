package dev.lockstep.io.nio;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.io.ConnectionResetException;
import dev.lockstep.io.SocketClosedException;
import dev.lockstep.io.TcpListener;
import dev.lockstep.io.TcpStreamSource;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The NIO stream where the JDK differs from the simulation, driven on its source directly. */
class NioTcpStreamTest {

    @Test
    void aConnectEstablishedAndThenResetBeforeItWasLookedAtSucceedsAndTheNextReadAndWriteReportTheReset()
            throws InterruptedException {
        try (RealRuntime rt = RealRuntime.create()) {
            TcpListener listener = rt.blockOn(TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    0)));
            TcpStreamSource client = rt.reactor().connectTcp(listener.localAddress());
            AtomicReference<TcpStreamSource> accepted = new AtomicReference<>();
            await("the server accepts").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                    .until(() -> accepted.updateAndGet(s -> s != null ? s : listener.source().accept()) != null);
            accepted.get().closeAbruptly();
            // Give the RST time to reach the client, which has not looked at its connect yet (on
            // loopback it lands at once). Nothing below depends on it having landed: if it comes
            // later, the connect succeeds as well and the first read waits for it.
            Thread.sleep(50);

            assertTrue(client.finishConnect(), "the handshake had completed, so the connect succeeds");
            assertTrue(client.isOpen());
            await("the reset reaches the client").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                    .until(() -> {
                        try {
                            client.read(ByteBuffer.allocate(8));
                            return false;
                        } catch (ConnectionResetException e) {
                            return true;
                        }
                    });
            assertThrows(ConnectionResetException.class, () -> client.write(ByteBuffer.wrap(new byte[] {1})));
            assertThrows(ConnectionResetException.class, () -> client.read(ByteBuffer.allocate(8)));
            client.close();
            assertFalse(client.isOpen());
            assertThrows(SocketClosedException.class, () -> client.read(ByteBuffer.allocate(8)));
        }
    }
}
