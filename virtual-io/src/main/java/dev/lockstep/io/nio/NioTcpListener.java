package dev.lockstep.io.nio;

import dev.lockstep.io.Interest;
import dev.lockstep.io.SocketClosedException;
import dev.lockstep.io.TcpListenerSource;
import dev.lockstep.io.TcpStreamSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** A listening socket over a non-blocking {@link ServerSocketChannel}. */
final class NioTcpListener extends NioSource implements TcpListenerSource {
    private final ServerSocketChannel server;
    private final InetSocketAddress local;

    NioTcpListener(NioReactor reactor, ServerSocketChannel server) throws IOException {
        super(reactor, server);
        this.server = server;
        this.local = (InetSocketAddress) server.getLocalAddress();
    }

    @Override
    public TcpStreamSource accept() {
        if (!server.isOpen()) {
            throw new SocketClosedException("accept on a listener that was closed", host(), "-", reactor.runtime(),
                    null);
        }
        try {
            SocketChannel ch = server.accept();
            return ch == null ? null : NioTcpStream.accepted(reactor, ch);
        } catch (IOException e) {
            throw NioErrors.map(e, "accept", host(), "-", reactor.runtime());
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    int opsFor(Interest interest) {
        return interest == Interest.READABLE ? SelectionKey.OP_ACCEPT : 0;
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
        return "NioTcpListener[" + local + "]";
    }
}
