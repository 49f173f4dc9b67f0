package dev.lockstep.io.nio;

import dev.lockstep.future.Waker;
import dev.lockstep.io.Interest;
import dev.lockstep.io.InterestRegistration;
import dev.lockstep.io.IoSource;
import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;

/**
 * What the NIO sockets share: a non-blocking channel, its {@link SelectionKey} in the reactor's
 * selector, and the registrations waiting on it.
 *
 * <h2>Interest</h2>
 * The key's interest set is the union of the operations the active registrations wait for; a
 * registration is woken (and removed) when the selector reports one of its operations, and the
 * interest set shrinks with it. A closed channel wakes everyone.
 */
abstract sealed class NioSource implements IoSource permits NioTcpListener, NioTcpStream, NioUdpSocket {
    final NioReactor reactor;
    final SelectableChannel channel;
    private SelectionKey key;
    private final List<InterestRegistration> waiting = new ArrayList<>(2);

    NioSource(NioReactor reactor, SelectableChannel channel) {
        this.reactor = reactor;
        this.channel = channel;
        reactor.adopt(this);
    }

    /** The selector operations that signal {@code interest} in this channel's current state. */
    abstract int opsFor(Interest interest);

    /** This end, for error messages. */
    abstract String host();

    /** The other end, for error messages, or {@code "-"}. */
    abstract String peer();

    InterestRegistration register(Interest interest, Waker waker) {
        InterestRegistration r = new InterestRegistration(interest, waker, this::remove);
        if (!channel.isOpen()) {
            waker.wakeByRef();
            return r;
        }
        r.activate();
        waiting.add(r);
        reactor.registrationAdded();
        updateInterest();
        return r;
    }

    void remove(InterestRegistration r) {
        if (waiting.remove(r)) {
            r.deactivate();
            reactor.registrationRemoved();
            updateInterest();
        }
    }

    /** The selector reported {@code readyOps}: wake the registrations they satisfy. */
    void ready(int readyOps) {
        for (int i = 0; i < waiting.size(); ) {
            InterestRegistration r = waiting.get(i);
            if ((opsFor(r.interest()) & readyOps) != 0) {
                waiting.remove(i);
                fire(r);
            } else {
                i++;
            }
        }
        updateInterest();
    }

    /** Wakes every registration (the channel was closed or its key cancelled). */
    void wakeAll() {
        List<InterestRegistration> all = new ArrayList<>(waiting);
        waiting.clear();
        for (InterestRegistration r : all) {
            fire(r);
        }
    }

    private void fire(InterestRegistration r) {
        r.deactivate();
        reactor.registrationRemoved();
        r.waker().wakeByRef();
    }

    private void updateInterest() {
        int ops = 0;
        for (InterestRegistration r : waiting) {
            ops |= opsFor(r.interest());
        }
        try {
            if (key == null) {
                if (ops != 0) {
                    key = channel.register(reactor.selector(), ops, this);
                }
            } else {
                key.interestOps(ops);
            }
        } catch (ClosedChannelException | CancelledKeyException e) {
            wakeAll();
        }
    }

    /**
     * Closes the channel, if it is still open, and lets go of the source: the reactor forgets it and
     * its registrations are woken. Idempotent; also for a channel the JDK closed itself (a failed
     * {@code finishConnect}).
     */
    @Override
    public void close() {
        if (channel.isOpen()) {
            try {
                channel.close();
            } catch (IOException e) {
                // Closing releases the descriptor even when it reports an error; nothing to recover.
            }
        }
        reactor.forget(this);
        wakeAll();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }
}
