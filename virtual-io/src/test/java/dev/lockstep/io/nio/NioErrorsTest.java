package dev.lockstep.io.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.io.AddressInUseException;
import dev.lockstep.io.ConnectionRefusedException;
import dev.lockstep.io.NetException;
import dev.lockstep.io.NoSuchHostException;
import dev.lockstep.io.TcpListener;
import dev.lockstep.io.UdpSocket;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NioErrorsTest {
    /** 192.0.2.1 is TEST-NET-1 (RFC 5737): an address no machine of a test run has. */
    static final InetSocketAddress NOT_THIS_MACHINE = new InetSocketAddress("192.0.2.1", 0);

    static Future<Throwable> failure(Future<?> future) {
        return cx -> {
            try {
                return future.poll(cx).isReady() ? Poll.ready(null) : Poll.pending();
            } catch (RuntimeException e) {
                return Poll.ready(e);
            }
        };
    }

    @Nested
    class Bind {
        @Test
        void aTcpBindOfAnAddressOfAnotherMachineFailsWithNoSuchHostAsInTheSimulation() {
            Throwable e = RealRuntimes.run(rt -> failure(TcpListener.bind(NOT_THIS_MACHINE)));
            assertInstanceOf(NoSuchHostException.class, e);
            assertTrue(e.getMessage().contains("192.0.2.1") && e.getMessage().contains("not an address of this"
                    + " machine"), e.getMessage());
        }

        @Test
        void aUdpBindOfAnAddressOfAnotherMachineFailsWithNoSuchHost() {
            Throwable e = RealRuntimes.run(rt -> failure(UdpSocket.bind(NOT_THIS_MACHINE)));
            assertInstanceOf(NoSuchHostException.class, e);
        }

        @Test
        void aBindTheSystemForbidsIsNotReportedAsAnAddressInUse() {
            try (RealRuntime rt = RealRuntime.create()) {
                NetException e = NioErrors.bindFailure(new BindException("Permission denied"), "bind TCP :80",
                        new InetSocketAddress(80), rt);
                assertEquals(NetException.class, e.getClass());
                assertTrue(e.getMessage().startsWith("permission denied: bind TCP :80"), e.getMessage());
            }
        }

        @Test
        void aBindOfATakenPortStaysAnAddressInUse() {
            try (RealRuntime rt = RealRuntime.create()) {
                NetException e = NioErrors.bindFailure(new BindException("Address already in use"), "bind TCP :80",
                        new InetSocketAddress(80), rt);
                assertInstanceOf(AddressInUseException.class, e);
            }
        }
    }

    @Nested
    class Connect {
        @Test
        void aConnectThatTimedOutIsNotReportedAsRefused() {
            try (RealRuntime rt = RealRuntime.create()) {
                NetException e = NioErrors.map(new ConnectException("Connection timed out"), "connect to /192.0.2.1:7",
                        "local", "/192.0.2.1:7", rt);
                assertEquals(NetException.class, e.getClass());
                assertTrue(e.getMessage().contains("Connection timed out")
                        && !e.getMessage().contains("refused"), e.getMessage());
            }
        }

        @Test
        void aConnectThePeerAnsweredWithAResetIsRefused() {
            try (RealRuntime rt = RealRuntime.create()) {
                NetException e = NioErrors.map(new ConnectException("Connection refused"), "connect to /127.0.0.1:7",
                        "local", "/127.0.0.1:7", rt);
                assertInstanceOf(ConnectionRefusedException.class, e);
            }
        }
    }
}
