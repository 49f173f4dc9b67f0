package dev.lockstep.io.nio;

import dev.lockstep.io.ConnectionRefusedException;
import dev.lockstep.io.Interest;
import dev.lockstep.io.SocketClosedException;
import dev.lockstep.io.TcpStreamSource;
import dev.lockstep.io.WriteAfterShutdownException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A TCP connection over a non-blocking {@link SocketChannel}. {@link Interest#WRITABLE} means
 * {@code OP_CONNECT} while the handshake is in progress and {@code OP_WRITE} after.
 */
final class NioTcpStream extends NioSource implements TcpStreamSource {
    private final SocketChannel ch;
    private final InetSocketAddress remote;
    private InetSocketAddress local;
    private boolean connecting;
    private boolean outputShutdown;

    private NioTcpStream(NioReactor reactor, SocketChannel ch, InetSocketAddress remote, boolean connecting) {
        super(reactor, ch);
        this.ch = ch;
        this.remote = remote;
        this.connecting = connecting;
    }

    static NioTcpStream accepted(NioReactor reactor, SocketChannel ch) throws IOException {
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        NioTcpStream s = new NioTcpStream(reactor, ch, (InetSocketAddress) ch.getRemoteAddress(), false);
        s.local = (InetSocketAddress) ch.getLocalAddress();
        return s;
    }

    static NioTcpStream connecting(NioReactor reactor, SocketChannel ch, InetSocketAddress remote)
            throws IOException {
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        boolean done = ch.connect(remote);
        NioTcpStream s = new NioTcpStream(reactor, ch, remote, !done);
        s.local = (InetSocketAddress) ch.getLocalAddress();
        return s;
    }

    @Override
    public boolean finishConnect() {
        checkOpen("connect");
        if (!connecting) {
            return true;
        }
        try {
            if (ch.finishConnect()) {
                connecting = false;
                local = (InetSocketAddress) ch.getLocalAddress();
                return true;
            }
            return false;
        } catch (IOException e) {
            if (e instanceof java.net.ConnectException) {
                throw new ConnectionRefusedException("connection refused: nothing listens on " + remote + " ("
                        + e.getMessage() + ")", host(), peer(), reactor.runtime(), e);
            }
            throw NioErrors.map(e, "connect to " + remote, host(), peer(), reactor.runtime());
        }
    }

    @Override
    public int read(ByteBuffer dst) {
        checkOpen("read");
        try {
            return ch.read(dst);
        } catch (IOException e) {
            throw NioErrors.map(e, "read", host(), peer(), reactor.runtime());
        }
    }

    @Override
    public int write(ByteBuffer src) {
        checkOpen("write");
        if (outputShutdown) {
            throw new WriteAfterShutdownException("write after shutdownOutput(): end-of-stream was already sent to "
                    + remote, host(), peer(), reactor.runtime(), null);
        }
        try {
            return ch.write(src);
        } catch (IOException e) {
            throw NioErrors.map(e, "write", host(), peer(), reactor.runtime());
        }
    }

    @Override
    public void shutdownOutput() {
        checkOpen("shutdownOutput");
        if (outputShutdown) {
            return;
        }
        outputShutdown = true;
        try {
            ch.shutdownOutput();
        } catch (IOException e) {
            throw NioErrors.map(e, "shutdownOutput", host(), peer(), reactor.runtime());
        }
    }

    @Override
    public void closeAbruptly() {
        if (!ch.isOpen()) {
            return;
        }
        try {
            ch.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException e) {
            // Already broken: a plain close is all that is left.
        }
        close();
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public InetSocketAddress peerAddress() {
        return remote;
    }

    @Override
    int opsFor(Interest interest) {
        return switch (interest) {
            case READABLE -> SelectionKey.OP_READ;
            case WRITABLE -> connecting ? SelectionKey.OP_CONNECT : SelectionKey.OP_WRITE;
        };
    }

    private void checkOpen(String operation) {
        if (!ch.isOpen()) {
            throw new SocketClosedException(operation + " after the stream was closed", host(), peer(),
                    reactor.runtime(), null);
        }
    }

    @Override
    String host() {
        return local != null ? local.toString() : "local";
    }

    @Override
    String peer() {
        return String.valueOf(remote);
    }

    @Override
    public String toString() {
        return "NioTcpStream[" + local + " -> " + remote + "]";
    }
}
