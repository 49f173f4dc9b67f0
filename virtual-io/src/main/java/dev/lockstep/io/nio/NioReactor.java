package dev.lockstep.io.nio;

import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.future.Waker;
import dev.lockstep.io.Interest;
import dev.lockstep.io.IoSource;
import dev.lockstep.io.Reactor;
import dev.lockstep.io.Registration;
import dev.lockstep.io.TcpListenerSource;
import dev.lockstep.io.TcpStreamSource;
import dev.lockstep.io.UdpSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The production {@link Reactor}: real sockets over a {@link Selector} (epoll on Linux), driven
 * by a {@link RealRuntime}.
 *
 * <h2>Readiness</h2>
 * A channel's selection key carries the operations its active registrations wait for; when
 * {@link #select} reports some, the matching registrations are woken and leave the key's interest
 * set. Readiness is level-triggered: a channel that stays ready is reported again at the next
 * select, so a registration made after data arrived is woken too.
 *
 * <h2>Addresses</h2>
 * An unresolved address is resolved with the system resolver when the socket is made (this may
 * block; pass resolved addresses in production).
 *
 * <h2>Errors</h2>
 * The JDK's exceptions are translated into the {@link dev.lockstep.io.NetException} family, with
 * the original as cause; a failure of the selector itself is an {@link UncheckedIOException}. As
 * in the simulation, a bind of an address that is none of this machine's is a
 * {@link dev.lockstep.io.NoSuchHostException}; a bind the OS forbids ({@code EACCES}, such as a
 * privileged port) is a plain {@code NetException}, not an {@code AddressInUseException}.
 *
 * <h2>Threads</h2>
 * Confined to its runtime's thread, except {@link #wakeup()}.
 */
public final class NioReactor implements Reactor, AutoCloseable {
    private final Selector selector;
    private final RuntimeHandle runtime;
    private int registrations;
    /** Open sockets, closed with the reactor. */
    private final Set<NioSource> sources = new LinkedHashSet<>();

    private NioReactor(Selector selector, RuntimeHandle runtime) {
        this.selector = selector;
        this.runtime = runtime;
    }

    /** A reactor with a new selector, reporting errors against {@code runtime}. */
    static NioReactor open(RuntimeHandle runtime) {
        try {
            return new NioReactor(Selector.open(), runtime);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a java.nio Selector: " + e.getMessage(), e);
        }
    }

    @Override
    public TcpListenerSource bindTcp(InetSocketAddress local) {
        InetSocketAddress addr = NioErrors.resolve(local, "bind TCP", runtime);
        ServerSocketChannel ch = null;
        try {
            ch = ServerSocketChannel.open();
            ch.configureBlocking(false);
            ch.bind(addr);
            return new NioTcpListener(this, ch);
        } catch (IOException e) {
            closeQuietly(ch);
            throw NioErrors.bindFailure(e, "bind TCP " + local, local, runtime);
        }
    }

    @Override
    public TcpStreamSource connectTcp(InetSocketAddress remote) {
        InetSocketAddress addr = NioErrors.resolve(remote, "connect to", runtime);
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open();
            return NioTcpStream.connecting(this, ch, addr);
        } catch (IOException e) {
            closeQuietly(ch);
            throw NioErrors.map(e, "connect to " + remote, "local", String.valueOf(remote), runtime);
        }
    }

    @Override
    public UdpSource bindUdp(InetSocketAddress local) {
        InetSocketAddress addr = NioErrors.resolve(local, "bind UDP", runtime);
        DatagramChannel ch = null;
        try {
            ch = DatagramChannel.open();
            ch.configureBlocking(false);
            ch.bind(addr);
            return new NioUdpSocket(this, ch);
        } catch (IOException e) {
            closeQuietly(ch);
            throw NioErrors.bindFailure(e, "bind UDP " + local, local, runtime);
        }
    }

    @Override
    public Registration register(IoSource source, Interest interest, Waker waker) {
        if (!(source instanceof NioSource s) || s.reactor != this) {
            throw new IllegalArgumentException("register: " + source + " is not a socket of this NioReactor");
        }
        return s.register(interest, waker);
    }

    @Override
    public int registrations() {
        return registrations;
    }

    /**
     * Waits for readiness and wakes the registrations it satisfies: for at most
     * {@code timeoutNanos} (rounded up to a millisecond), not at all when 0, or until an event or
     * {@link #wakeup()} when negative.
     */
    void select(long timeoutNanos) {
        try {
            if (timeoutNanos == 0) {
                selector.selectNow();
            } else if (timeoutNanos < 0) {
                selector.select();
            } else {
                selector.select(Math.max(1, (timeoutNanos + 999_999) / 1_000_000));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("selector failed: " + e.getMessage(), e);
        }
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            NioSource source = (NioSource) key.attachment();
            try {
                source.ready(key.readyOps());
            } catch (CancelledKeyException e) {
                source.wakeAll();
            }
        }
    }

    /** Makes a blocked {@link #select} return; callable from any thread. */
    void wakeup() {
        selector.wakeup();
    }

    Selector selector() {
        return selector;
    }

    RuntimeHandle runtime() {
        return runtime;
    }

    void registrationAdded() {
        registrations++;
    }

    void registrationRemoved() {
        registrations--;
    }

    void adopt(NioSource s) {
        sources.add(s);
    }

    void forget(NioSource s) {
        sources.remove(s);
    }

    /** Closes every socket it made, and the selector. */
    @Override
    public void close() {
        for (NioSource s : new ArrayList<>(sources)) {
            s.close();
        }
        try {
            selector.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }

    private static void closeQuietly(java.nio.channels.Channel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // Closing releases the descriptor even when it reports an error.
            }
        }
    }

    @Override
    public String toString() {
        return "NioReactor[" + registrations + " registrations]";
    }
}
