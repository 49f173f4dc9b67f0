package dev.lockstep.io.nio;

import dev.lockstep.io.Interest;
import dev.lockstep.io.SocketClosedException;
import dev.lockstep.io.UdpSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;

/** A UDP socket over a non-blocking {@link DatagramChannel}. */
final class NioUdpSocket extends NioSource implements UdpSource {
    private final DatagramChannel ch;
    private final InetSocketAddress local;

    NioUdpSocket(NioReactor reactor, DatagramChannel ch) throws IOException {
        super(reactor, ch);
        this.ch = ch;
        this.local = (InetSocketAddress) ch.getLocalAddress();
    }

    @Override
    public boolean send(ByteBuffer src, InetSocketAddress target) {
        checkOpen("send");
        InetSocketAddress to = NioErrors.resolve(target, "send to", reactor.runtime());
        int size = src.remaining();
        try {
            return ch.send(src, to) == size;
        } catch (IOException e) {
            throw NioErrors.map(e, "send to " + target, host(), String.valueOf(target), reactor.runtime());
        }
    }

    @Override
    public InetSocketAddress receive(ByteBuffer dst) {
        checkOpen("receive");
        try {
            return (InetSocketAddress) ch.receive(dst);
        } catch (IOException e) {
            throw NioErrors.map(e, "receive", host(), "-", reactor.runtime());
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    int opsFor(Interest interest) {
        return interest == Interest.READABLE ? SelectionKey.OP_READ : SelectionKey.OP_WRITE;
    }

    private void checkOpen(String operation) {
        if (!ch.isOpen()) {
            throw new SocketClosedException(operation + " after the socket was closed", host(), "-",
                    reactor.runtime(), null);
        }
    }

    @Override
    String host() {
        return local.toString();
    }

    @Override
    String peer() {
        return "-";
    }

    @Override
    public String toString() {
        return "NioUdpSocket[" + local + "]";
    }
}
