package dev.lockstep.io.nio;

import dev.lockstep.io.ConnectionRefusedException;
import dev.lockstep.io.ConnectionResetException;
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
 *
 * <h2>Resets and closes, as in the simulation</h2>
 * <ul>
 *   <li>A reset is sticky: Linux reports a RST to one call ({@code ECONNRESET} or {@code EPIPE})
 *       and then a clean end-of-stream to the next read; here, once a read, write or connect has
 *       seen the reset, every later read and write fails with {@link ConnectionResetException}.
 *   <li>{@link #close()} with received bytes left unread resets the connection
 *       ({@code SO_LINGER 0}), as Linux does for a socket closed with unread data. The JDK would
 *       otherwise shut the output down first when the channel is registered with a selector, and
 *       the peer would read a clean end-of-stream. Bytes that arrive after the close make the
 *       kernel reset the connection too.
 *   <li>A connect that was established and then reset before {@link #finishConnect()} looked
 *       succeeds, and the next read or write reports the reset. (The JDK fails
 *       {@code finishConnect} with the reset and closes the channel; the stream keeps the reset.)
 * </ul>
 */
final class NioTcpStream extends NioSource implements TcpStreamSource {
    private final SocketChannel ch;
    private final InetSocketAddress remote;
    private InetSocketAddress local;
    private boolean connecting;
    private boolean outputShutdown;
    /** The first reset this stream saw; null until then. Every later read and write fails with it. */
    private ConnectionResetException reset;
    /** {@link #close()} or {@link #closeAbruptly()} was called (the channel may also close without them). */
    private boolean closedHere;

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
            if (NioErrors.isRefusal(e)) {
                throw new ConnectionRefusedException("connection refused: nothing listens on " + remote + " ("
                        + e.getMessage() + ")", host(), peer(), reactor.runtime(), e);
            }
            RuntimeException failure = remember(NioErrors.map(e, "connect to " + remote, host(), peer(),
                    reactor.runtime()));
            if (reset == null) {
                throw failure;
            }
            // Established, then reset before this look: the connect succeeded, as in the simulation,
            // and the next read or write reports the reset. The JDK closed the channel already.
            connecting = false;
            super.close();
            return true;
        }
    }

    @Override
    public int read(ByteBuffer dst) {
        checkOpen("read");
        try {
            return ch.read(dst);
        } catch (IOException e) {
            throw remember(NioErrors.map(e, "read", host(), peer(), reactor.runtime()));
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
            throw remember(NioErrors.map(e, "write", host(), peer(), reactor.runtime()));
        }
    }

    @Override
    public void shutdownOutput() {
        if (isClosed()) {
            throw new SocketClosedException("shutdownOutput after the stream was closed", host(), peer(),
                    reactor.runtime(), null);
        }
        if (outputShutdown || reset != null) {
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
    public void close() {
        closedHere = true;
        if (ch.isOpen() && !connecting && reset == null && hasUnreadInput()) {
            closeAbruptly();
        } else {
            super.close();
        }
    }

    @Override
    public void closeAbruptly() {
        closedHere = true;
        if (!ch.isOpen()) {
            return;
        }
        try {
            ch.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException e) {
            // Already broken: a plain close is all that is left.
        }
        super.close();
    }

    /** Whether received bytes wait unread (reading one to find out; the stream is closing anyway). */
    private boolean hasUnreadInput() {
        try {
            return ch.read(ByteBuffer.allocate(1)) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Makes {@code e} sticky if it is a reset; returns it. */
    private RuntimeException remember(RuntimeException e) {
        if (e instanceof ConnectionResetException r && reset == null) {
            reset = r;
        }
        return e;
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

    /** Closed by the application, or closed for another reason than a reset this stream keeps. */
    private boolean isClosed() {
        return closedHere || (!ch.isOpen() && reset == null);
    }

    @Override
    public boolean isOpen() {
        return !isClosed();
    }

    private void checkOpen(String operation) {
        if (isClosed()) {
            throw new SocketClosedException(operation + " after the stream was closed", host(), peer(),
                    reactor.runtime(), null);
        }
        if (reset != null) {
            throw new ConnectionResetException(operation + ": connection reset by " + remote + " (first seen as: "
                    + reset.getMessage().lines().findFirst().orElse("") + ")", host(), peer(), reactor.runtime(),
                    reset);
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
