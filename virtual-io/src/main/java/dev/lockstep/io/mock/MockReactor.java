package dev.lockstep.io.mock;

import dev.lockstep.future.Waker;
import dev.lockstep.io.Interest;
import dev.lockstep.io.IoSource;
import dev.lockstep.io.Reactor;
import dev.lockstep.io.Registration;
import dev.lockstep.io.TcpListenerSource;
import dev.lockstep.io.TcpStreamSource;
import dev.lockstep.io.UdpSource;
import java.net.InetSocketAddress;

/** The reactor of one {@link MockIo}: registrations on its one source; it makes no sockets. */
final class MockReactor implements Reactor {
    private MockSource source;

    void bind(MockSource s) {
        this.source = s;
    }

    @Override
    public TcpListenerSource bindTcp(InetSocketAddress local) {
        throw unsupported("bind a listener");
    }

    @Override
    public TcpStreamSource connectTcp(InetSocketAddress remote) {
        throw unsupported("connect");
    }

    @Override
    public UdpSource bindUdp(InetSocketAddress local) {
        throw unsupported("bind a UDP socket");
    }

    @Override
    public Registration register(IoSource s, Interest interest, Waker waker) {
        if (s != source) {
            throw new IllegalArgumentException("register: " + s + " is not this MockIo's stream");
        }
        return source.register(interest, waker);
    }

    @Override
    public int registrations() {
        return source.registrations();
    }

    private static UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException("MockIo scripts one stream and cannot " + what
                + "; use a SimNetwork for code that opens its own sockets");
    }
}
