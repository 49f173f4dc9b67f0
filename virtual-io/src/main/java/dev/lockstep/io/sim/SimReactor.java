package dev.lockstep.io.sim;

import dev.lockstep.future.Waker;
import dev.lockstep.io.Interest;
import dev.lockstep.io.IoSource;
import dev.lockstep.io.Reactor;
import dev.lockstep.io.Registration;
import dev.lockstep.io.TcpListenerSource;
import dev.lockstep.io.TcpStreamSource;
import dev.lockstep.io.UdpSource;
import java.net.InetSocketAddress;

/**
 * The {@link Reactor} of a {@link SimNetwork}, installed on its simulation: sockets belong to the
 * host of the task that makes them ({@code cx.runtime().currentHost()}), and readiness comes from
 * the network's events in virtual time.
 */
final class SimReactor implements Reactor {
    private final SimNetwork net;

    SimReactor(SimNetwork net) {
        this.net = net;
    }

    @Override
    public TcpListenerSource bindTcp(InetSocketAddress local) {
        SimHost h = net.currentHost("bind TCP " + local);
        Addresses.checkLocal(net, h, local, "bind TCP");
        return h.bindTcp(local.getPort());
    }

    @Override
    public TcpStreamSource connectTcp(InetSocketAddress remote) {
        return net.tcp().connect(net.currentHost("connect to " + remote), remote);
    }

    @Override
    public UdpSource bindUdp(InetSocketAddress local) {
        SimHost h = net.currentHost("bind UDP " + local);
        Addresses.checkLocal(net, h, local, "bind UDP");
        return h.bindUdp(local.getPort());
    }

    @Override
    public Registration register(IoSource source, Interest interest, Waker waker) {
        if (!(source instanceof SimSocket s) || s.net != net) {
            throw new IllegalArgumentException("register: " + source + " is not a socket of this simulated network");
        }
        return s.waiters.register(interest, waker, s.isReady(interest));
    }

    @Override
    public int registrations() {
        return net.registrations();
    }

    @Override
    public String toString() {
        return "SimReactor[" + net.hostNames() + "]";
    }
}
