package dev.lockstep.io.sim;

import dev.lockstep.io.ConnectionRefusedException;
import dev.lockstep.io.ConnectionResetException;
import dev.lockstep.io.Interest;
import dev.lockstep.io.TcpStreamSource;
import dev.lockstep.io.WriteAfterShutdownException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * One end of a simulated TCP connection.
 *
 * <h2>States</h2>
 * <ul>
 *   <li>{@code connecting}: a client whose SYN has not been answered; ends with a SYN_ACK
 *       (established) or a RST ({@code refused});
 *   <li>established: bytes flow both ways; {@code outputShutdown} once this end sent its FIN,
 *       {@code peerFinished} once the peer's FIN arrived (reads then end with -1);
 *   <li>{@code reset}: a RST arrived; every read and write fails;
 *   <li>closed by the application or, as the application would, by the OS when its host's
 *       process is killed; or dead because its host crashed (see {@link SimSocket}).
 * </ul>
 *
 * <h2>Flow control</h2>
 * {@code unacked} counts bytes written but not yet read by the peer's application; a write takes
 * at most {@code sendBuffer - unacked}. Each read sends an ACK back, whose arrival makes room and
 * wakes writers: backpressure crosses the network with its latency.
 *
 * <h2>Resets</h2>
 * A RST is sent when this end closes abruptly, closes with unread data (also when its host's
 * process is killed), receives data after it closed, or its host crashes. A data segment for a
 * closed or dead end is dropped, and so are bytes that arrived but were never read when the
 * stream closes or resets: each is a traced {@code drop}.
 */
final class SimTcpStream extends SimSocket implements TcpStreamSource {
    /** The connection's number in the run, shared by both ends. */
    final long connection;
    final int localPort;
    final String peerHost;
    final int peerPort;
    private final int sendBuffer;
    /** This end connected (it holds an ephemeral port of its host); the other end was accepted. */
    private final boolean outgoing;
    /** This end's direction of the connection. */
    Pipe out;

    boolean connecting;
    private boolean refused;
    private boolean outputShutdown;
    private boolean peerFinished;
    private boolean reset;
    private String resetReason = "";
    private boolean rstSent;

    /** Arrived payloads not yet read; the first is read from {@code headOffset}. */
    private final ArrayDeque<byte[]> received = new ArrayDeque<>();
    private int headOffset;
    private long buffered;
    private long unacked;

    SimTcpStream(SimNetwork net, SimHost host, long connection, int localPort, String peerHost, int peerPort,
            int sendBuffer, boolean connecting) {
        super(net, host);
        this.connection = connection;
        this.localPort = localPort;
        this.peerHost = peerHost;
        this.peerPort = peerPort;
        this.sendBuffer = sendBuffer;
        this.connecting = connecting;
        this.outgoing = connecting;
    }

    // ---------------------------------------------------------------- the application's side

    @Override
    public boolean finishConnect() {
        checkUsable("connect");
        if (refused) {
            throw new ConnectionRefusedException("connection refused: nothing listens on " + peer() + " (" + label()
                    + ")", host.name(), peer(), net.runtime(), null);
        }
        // Established and then reset before the application looked: the connect succeeded, as on
        // a real socket, and the next read or write reports the reset.
        return !connecting;
    }

    @Override
    public int read(ByteBuffer dst) {
        checkUsable("read");
        checkNotReset("read");
        if (buffered == 0) {
            return peerFinished ? -1 : 0;
        }
        int n = 0;
        while (dst.hasRemaining() && !received.isEmpty()) {
            byte[] head = received.peek();
            int k = Math.min(dst.remaining(), head.length - headOffset);
            dst.put(head, headOffset, k);
            headOffset += k;
            n += k;
            if (headOffset == head.length) {
                received.poll();
                headOffset = 0;
            }
        }
        buffered -= n;
        if (!rstSent) {
            out.push(Segment.ack(n));
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) {
        checkUsable("write");
        if (outputShutdown) {
            throw new WriteAfterShutdownException("write on " + label() + " after shutdownOutput(): end-of-stream"
                    + " was already sent to " + peer(), host.name(), peer(), net.runtime(), null);
        }
        checkNotReset("write");
        if (connecting) {
            throw new IllegalStateException("write on " + label() + " before its handshake completed");
        }
        long room = sendBuffer - unacked;
        if (room <= 0) {
            return 0;
        }
        int n = (int) Math.min(room, src.remaining());
        int left = n;
        while (left > 0) {
            byte[] chunk = new byte[Math.min(left, net.segmentSize())];
            src.get(chunk);
            left -= chunk.length;
            net.trace(host.name(), peerHost, "send", chunk.length, out.label());
            out.push(Segment.data(chunk));
        }
        unacked += n;
        return n;
    }

    @Override
    public void shutdownOutput() {
        checkUsable("shutdownOutput");
        if (outputShutdown || reset || connecting) {
            return;
        }
        outputShutdown = true;
        out.push(Segment.control(Segment.Kind.FIN));
        waiters.wake(Interest.WRITABLE);
    }

    @Override
    public void close() {
        if (closed || dead) {
            return;
        }
        closeOrderly("closed");
    }

    @Override
    void closeByKill() {
        if (closed || dead) {
            return;
        }
        killed = true;
        closeOrderly("process of host " + host.name() + " killed");
    }

    /** What {@code close()} does, by the application or by the OS of a killed process ({@code how}). */
    private void closeOrderly(String how) {
        closed = true;
        host.forget(this);
        if (connecting) {
            sendReset(killed ? how + " while connecting" : "connect abandoned");
        } else if (refused || reset) {
            // Nothing to tell a peer that refused or reset the connection.
        } else if (buffered > 0) {
            sendReset(how + " with " + buffered + " unread bytes");
        } else if (!outputShutdown) {
            outputShutdown = true;
            out.push(Segment.control(Segment.Kind.FIN));
        }
        discardInput(how + " with the bytes unread");
        waiters.wakeAll();
        releasePort();
    }

    @Override
    public void closeAbruptly() {
        if (closed || dead) {
            return;
        }
        closed = true;
        host.forget(this);
        if (!refused) {
            sendReset("closed abruptly");
        }
        discardInput("closed abruptly with the bytes unread");
        waiters.wakeAll();
        releasePort();
    }

    @Override
    void kill() {
        dead = true;
        if (!refused) {
            sendReset("host " + host.name() + " crashed");
        }
        discardInput("host " + host.name() + " crashed with the bytes unread");
        waiters.wakeAll();
        releasePort();
    }

    /**
     * Frees the client's ephemeral port once neither end is open, so no two connections share an
     * address pair. A client whose SYN was never accepted has no other end.
     */
    private void releasePort() {
        SimTcpStream client = outgoing ? this : out.target;
        SimTcpStream server = outgoing ? out.target : this;
        if (client != null && !client.isOpen() && (server == null || !server.isOpen())) {
            client.host.releasePort(client.localPort, client);
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return InetSocketAddress.createUnresolved(host.name(), localPort);
    }

    @Override
    public InetSocketAddress peerAddress() {
        return InetSocketAddress.createUnresolved(peerHost, peerPort);
    }

    @Override
    boolean isReady(Interest interest) {
        if (closed || dead || reset || refused) {
            return true;
        }
        return switch (interest) {
            case READABLE -> buffered > 0 || peerFinished;
            case WRITABLE -> !connecting && (outputShutdown || unacked < sendBuffer);
        };
    }

    // ---------------------------------------------------------------- the network's side

    /** A segment arrived from the peer. */
    void onSegment(Segment s) {
        if (dead) {
            if (s.kind == Segment.Kind.DATA) {
                net.trace(peerHost, host.name(), "drop", s.size(), out.label() + ": host " + host.name() + " crashed");
            }
            return;
        }
        switch (s.kind) {
            case SYN_ACK -> {
                if (closed) {
                    sendReset("handshake answered after the connect was abandoned");
                    return;
                }
                connecting = false;
                net.trace(peerHost, host.name(), "established", 0, out.label());
                waiters.wake(Interest.WRITABLE);
            }
            case DATA -> {
                if (closed || reset) {
                    net.trace(peerHost, host.name(), "drop", s.size(), out.label() + ": socket "
                            + (closed ? "closed" : "reset") + " on " + host.name());
                    if (closed) {
                        sendReset("data arrived after the socket was closed");
                    }
                    return;
                }
                received.add(s.data);
                buffered += s.data.length;
                net.trace(peerHost, host.name(), "deliver", s.data.length, out.label());
                waiters.wake(Interest.READABLE);
            }
            case ACK -> {
                unacked -= s.count;
                waiters.wake(Interest.WRITABLE);
            }
            case FIN -> {
                peerFinished = true;
                net.trace(peerHost, host.name(), "fin", 0, out.label());
                waiters.wake(Interest.READABLE);
            }
            case RST -> {
                net.trace(peerHost, host.name(), connecting ? "refused" : "reset", 0, out.label() + ": " + s.reason);
                if (connecting) {
                    connecting = false;
                    refused = true;
                } else if (!reset) {
                    reset = true;
                    resetReason = s.reason;
                    discardInput("reset with the bytes unread");
                }
                waiters.wakeAll();
            }
            case SYN -> throw new IllegalStateException("a SYN is delivered to a host, not to " + label());
        }
    }

    private void sendReset(String reason) {
        if (!rstSent && !reset) {
            rstSent = true;
            out.push(Segment.reset(reason));
        }
    }

    /** Drops what arrived but was not read, tracing it: nothing is lost silently. */
    private void discardInput(String why) {
        if (buffered > 0) {
            net.trace(peerHost, host.name(), "drop", (int) Math.min(buffered, Integer.MAX_VALUE), out.label() + ": "
                    + why);
        }
        received.clear();
        headOffset = 0;
        buffered = 0;
    }

    private void checkNotReset(String operation) {
        if (reset) {
            throw new ConnectionResetException(operation + " on " + label() + ": connection reset by " + peer() + " ("
                    + resetReason + ")", host.name(), peer(), net.runtime(), null);
        }
    }

    @Override
    String peer() {
        return peerHost + ":" + peerPort;
    }

    @Override
    String label() {
        return "tcp#" + connection + " :" + localPort;
    }
}
