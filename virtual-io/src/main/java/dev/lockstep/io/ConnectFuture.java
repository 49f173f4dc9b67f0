package dev.lockstep.io;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Unpin;
import java.net.InetSocketAddress;

/**
 * {@link TcpStream#connect}: the first poll starts the handshake through the context's reactor;
 * then an {@link IoFuture} waits for {@link Interest#WRITABLE} until the handshake ends.
 *
 * <h2>Cancellation</h2>
 * Cancelling before the handshake ends deregisters and closes the half-open socket.
 *
 * <h2>Errors</h2>
 * {@link NoSuchHostException} from the first poll; {@link ConnectionRefusedException} once the
 * peer refuses. The socket is closed before the exception leaves.
 */
final class ConnectFuture implements Future<TcpStream>, Cancellable, Unpin {
    private final InetSocketAddress remote;
    private TcpStreamSource source;
    private IoFuture<TcpStream> handshake;
    private boolean done;

    ConnectFuture(InetSocketAddress remote) {
        this.remote = remote;
    }

    @Override
    public Poll<TcpStream> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("connect to " + remote + " polled after it completed or was cancelled");
        }
        if (handshake == null) {
            Reactor reactor = Reactor.of(cx);
            TcpStreamSource s;
            try {
                s = reactor.connectTcp(remote);
            } catch (RuntimeException e) {
                done = true;
                throw e;
            }
            source = s;
            handshake = new IoFuture<>(reactor, s, Interest.WRITABLE, "connect to " + remote,
                    () -> s.finishConnect() ? Poll.ready(new TcpStream(reactor, s)) : Poll.pending());
        }
        try {
            Poll<TcpStream> p = handshake.poll(cx);
            if (p.isReady()) {
                done = true;
            }
            return p;
        } catch (RuntimeException | Error e) {
            done = true;
            source.close();
            throw e;
        }
    }

    @Override
    public void cancel() {
        if (done) {
            return;
        }
        done = true;
        if (handshake != null) {
            handshake.cancel();
            source.close();
        }
    }

    @Override
    public String toString() {
        return "connect to " + remote + (done ? " (done)" : "");
    }
}
