package dev.lockstep.io.sim;

import dev.lockstep.future.Future;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.io.AddressInUseException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A simulated machine: a name that is its address, a main future, and the sockets and tasks of
 * its current incarnation.
 *
 * <h2>States</h2>
 * Up (its main and every task it spawned run; its sockets work) or down, after
 * {@link SimNetwork#crash}: its tasks were cancelled and its sockets died. Each
 * {@link SimNetwork#restart} starts a new incarnation: empty socket tables, and main built
 * again by its supplier, so in-memory state is gone unless the test kept it outside.
 *
 * <h2>Ports</h2>
 * Binding port 0, and every outgoing connection, takes the next free port from 49152 up.
 */
public final class SimHost {
    private static final int FIRST_EPHEMERAL = 49152;

    private final SimNetwork net;
    private final String name;
    private final Supplier<? extends Future<?>> main;
    private boolean up;
    private int incarnation;
    private JoinHandle<?> mainTask;
    private int nextEphemeral = FIRST_EPHEMERAL;
    private final Map<Integer, SimTcpListener> listeners = new TreeMap<>();
    private final Map<Integer, SimUdpSocket> udpSockets = new TreeMap<>();
    /** Open TCP streams, in creation order (reset when the host crashes). */
    private final LinkedHashSet<SimTcpStream> streams = new LinkedHashSet<>();

    SimHost(SimNetwork net, String name, Supplier<? extends Future<?>> main) {
        this.net = net;
        this.name = name;
        this.main = main;
    }

    /** The host's name, which is also its address. */
    public String name() {
        return name;
    }

    /** {@code createUnresolved(name, port)}: how other hosts address this one. */
    public InetSocketAddress address(int port) {
        return InetSocketAddress.createUnresolved(name, port);
    }

    /** Whether the host is up (not crashed). */
    public boolean isUp() {
        return up;
    }

    /** How many times the host was started: 1 after it was added, +1 per restart. */
    public int incarnation() {
        return incarnation;
    }

    /** The handle of the current incarnation's main task (aborted once the host crashes). */
    public JoinHandle<?> main() {
        return mainTask;
    }

    /**
     * Starts {@code future} as a task of this host, cancelled if the host crashes.
     *
     * @throws IllegalStateException if the host is down
     */
    public <T> JoinHandle<T> spawn(String taskName, Future<T> future) {
        if (!up) {
            throw new IllegalStateException("spawn(\"" + taskName + "\") on host " + name + ", which is down (crashed"
                    + " at incarnation " + incarnation + "); restart it first");
        }
        return net.simulation().spawnOnHost(name, name + ":" + taskName, future);
    }

    // ---------------------------------------------------------------- lifecycle (SimNetwork)

    void start() {
        up = true;
        incarnation++;
        Future<?> f = Objects.requireNonNull(main.get(), () -> "the main supplier of host " + name
                + " returned null instead of a future");
        mainTask = net.simulation().spawnOnHost(name, name + ":main", f);
    }

    /** Marks the host down and kills its sockets; its tasks are aborted by the caller. */
    void killSockets() {
        up = false;
        List<SimSocket> all = new ArrayList<>(listeners.values());
        all.addAll(udpSockets.values());
        all.addAll(streams);
        listeners.clear();
        udpSockets.clear();
        streams.clear();
        for (SimSocket s : all) {
            s.kill();
        }
    }

    // ---------------------------------------------------------------- sockets (reactor, network)

    SimTcpListener bindTcp(int port) {
        int p = port == 0 ? freePort(listeners) : checkFree(listeners, port, "TCP");
        SimTcpListener l = new SimTcpListener(net, this, p);
        listeners.put(p, l);
        return l;
    }

    SimUdpSocket bindUdp(int port) {
        int p = port == 0 ? freePort(udpSockets) : checkFree(udpSockets, port, "UDP");
        SimUdpSocket s = new SimUdpSocket(net, this, p);
        udpSockets.put(p, s);
        return s;
    }

    SimTcpListener listener(int port) {
        return listeners.get(port);
    }

    SimUdpSocket udp(int port) {
        return udpSockets.get(port);
    }

    void unbindTcp(SimTcpListener l) {
        listeners.remove(l.port, l);
    }

    void unbindUdp(SimUdpSocket s) {
        udpSockets.remove(s.port, s);
    }

    void adopt(SimTcpStream s) {
        streams.add(s);
    }

    void forget(SimTcpStream s) {
        streams.remove(s);
    }

    /** The next ephemeral port not bound by a listener. */
    int ephemeralPort() {
        return freePort(listeners);
    }

    private int freePort(Map<Integer, ?> bound) {
        for (int tries = 0; tries <= 65535 - FIRST_EPHEMERAL; tries++) {
            int p = nextEphemeral;
            nextEphemeral = p == 65535 ? FIRST_EPHEMERAL : p + 1;
            if (!bound.containsKey(p)) {
                return p;
            }
        }
        throw new AddressInUseException("no free ephemeral port left on host " + name, name, "-", net.runtime(),
                null);
    }

    private int checkFree(Map<Integer, ?> bound, int port, String kind) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 0..65535");
        }
        if (bound.containsKey(port)) {
            throw new AddressInUseException("address in use: a " + kind + " socket of host " + name
                    + " is already bound to port " + port, name, "-", net.runtime(), null);
        }
        return port;
    }

    @Override
    public String toString() {
        return "SimHost[" + name + (up ? "" : ", down") + ", incarnation " + incarnation + "]";
    }
}
