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
 * Up (its main and every task it spawned run; its sockets work) or down, in one of two ways:
 * <ul>
 *   <li>crashed ({@link SimNetwork#crash}), the machine is gone: its sockets died, its tasks were
 *       cancelled, and what is sent to it is lost;
 *   <li>killed ({@link SimNetwork#kill}), only its process is gone: the OS closed its sockets as
 *       {@code close()} would and its tasks were cancelled, but the machine still answers, so a
 *       connect to it is refused.
 * </ul>
 * Each {@link SimNetwork#restart} starts a new incarnation: empty socket tables, and main built
 * again by its supplier, so in-memory state is gone unless the test kept it outside.
 *
 * <h2>Ports</h2>
 * Binding port 0, and every outgoing connection, takes the next free port of the ephemeral range
 * 49152..65535, going round. A port an outgoing connection took stays taken until neither end of
 * that connection is open (closed by its application, or dead), so no two connections share an
 * address pair; an explicit TCP bind of such a port fails too. When all 16,384 are taken, a
 * connect (or a bind of port 0) fails with {@link AddressInUseException} naming the host, as a
 * real OS refuses with {@code EADDRNOTAVAIL}.
 */
public final class SimHost {
    private static final int FIRST_EPHEMERAL = 49152;

    private final SimNetwork net;
    private final String name;
    private final Supplier<? extends Future<?>> main;
    /** Up; or down because it crashed, or because its process was killed. */
    private State state = State.UP;
    private int incarnation;
    private JoinHandle<?> mainTask;
    private int nextEphemeral = FIRST_EPHEMERAL;
    private final Map<Integer, SimTcpListener> listeners = new TreeMap<>();
    private final Map<Integer, SimUdpSocket> udpSockets = new TreeMap<>();
    /** Ephemeral ports taken by outgoing connections, and the client end that took each. */
    private final Map<Integer, SimTcpStream> connectPorts = new TreeMap<>();
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

    /** Whether the host is up (neither crashed nor killed). */
    public boolean isUp() {
        return state == State.UP;
    }

    /** Whether the host is down because its process was killed, its machine still up. */
    public boolean isKilled() {
        return state == State.KILLED;
    }

    /** How many times the host was started: 1 after it was added, +1 per restart. */
    public int incarnation() {
        return incarnation;
    }

    /** The handle of the current incarnation's main task (aborted once the host crashes or its process is killed). */
    public JoinHandle<?> main() {
        return mainTask;
    }

    /**
     * Starts {@code future} as a task of this host named {@code "<host>:<taskName>"}, cancelled if
     * the host crashes or its process is killed.
     *
     * @throws NullPointerException  if {@code taskName} or {@code future} is null
     * @throws IllegalStateException if the host is down, naming it, the step, virtual time and
     *                               replay string
     */
    public <T> JoinHandle<T> spawn(String taskName, Future<T> future) {
        Objects.requireNonNull(taskName, () -> "spawn on host " + name + ": task name is null");
        Objects.requireNonNull(future, () -> "spawn(\"" + taskName + "\") on host " + name + ": future is null");
        if (!isUp()) {
            throw new IllegalStateException("spawn(\"" + taskName + "\") on host " + name + ", which is down ("
                    + (isKilled() ? "its process was killed" : "crashed") + " at incarnation " + incarnation
                    + "); restart it first (" + net.runtime().describe() + ")");
        }
        return net.simulation().spawnOnHost(name, name + ":" + taskName, future);
    }

    // ---------------------------------------------------------------- lifecycle (SimNetwork)

    void start() {
        state = State.UP;
        incarnation++;
        Future<?> f = Objects.requireNonNull(main.get(), () -> "the main supplier of host " + name
                + " returned null instead of a future");
        mainTask = net.simulation().spawnOnHost(name, name + ":main", f);
    }

    /** Marks the host crashed and kills its sockets; its tasks are aborted by the caller. */
    void killSockets() {
        state = State.CRASHED;
        for (SimSocket s : takeSockets()) {
            s.kill();
        }
    }

    /**
     * Marks the host's process killed and closes its sockets as the OS does; its tasks are aborted
     * by the caller.
     */
    void closeSocketsOfKilledProcess() {
        state = State.KILLED;
        for (SimSocket s : takeSockets()) {
            s.closeByKill();
        }
    }

    /** Every socket (listeners, UDP sockets, streams in creation order), with the tables emptied. */
    private List<SimSocket> takeSockets() {
        List<SimSocket> all = new ArrayList<>(listeners.values());
        all.addAll(udpSockets.values());
        all.addAll(streams);
        listeners.clear();
        udpSockets.clear();
        streams.clear();
        connectPorts.clear();
        return all;
    }

    // ---------------------------------------------------------------- sockets (reactor, network)

    SimTcpListener bindTcp(int port) {
        int p = port == 0 ? freePort("bind TCP port 0", "-") : checkFree(listeners, port, "TCP");
        if (connectPorts.containsKey(p)) {
            throw new AddressInUseException("address in use: port " + p + " of host " + name + " is the local port"
                    + " of an outgoing connection (" + connectPorts.get(p).label() + ")", name, "-", net.runtime(),
                    null);
        }
        SimTcpListener l = new SimTcpListener(net, this, p);
        listeners.put(p, l);
        return l;
    }

    SimUdpSocket bindUdp(int port) {
        int p = port == 0 ? freeUdpPort() : checkFree(udpSockets, port, "UDP");
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

    /**
     * The next ephemeral port neither bound by a listener nor taken by a connection, for a
     * connect to {@code remote}; the caller takes it with {@link #takePort}.
     *
     * @throws AddressInUseException if every port of the range is taken
     */
    int ephemeralPort(String remote) {
        return freePort("connect to " + remote, remote);
    }

    /** {@code client}, an outgoing connection, holds {@code port} until {@link #releasePort}. */
    void takePort(int port, SimTcpStream client) {
        connectPorts.put(port, client);
    }

    /** Neither end of {@code client}'s connection is open any more: its port is free again. */
    void releasePort(int port, SimTcpStream client) {
        connectPorts.remove(port, client);
    }

    private int freePort(String operation, String peer) {
        for (int tries = 0; tries <= 65535 - FIRST_EPHEMERAL; tries++) {
            int p = nextEphemeral;
            nextEphemeral = p == 65535 ? FIRST_EPHEMERAL : p + 1;
            if (!listeners.containsKey(p) && !connectPorts.containsKey(p)) {
                return p;
            }
        }
        throw new AddressInUseException(operation + ": no free ephemeral port on host " + name + ": all "
                + (65536 - FIRST_EPHEMERAL) + " ports " + FIRST_EPHEMERAL + "..65535 are taken (" + connectPorts.size()
                + " by connections that are still open at one end, " + listeners.size() + " by listeners); close"
                + " connections, or spread them over more hosts", name, peer, net.runtime(), null);
    }

    private int freeUdpPort() {
        for (int tries = 0; tries <= 65535 - FIRST_EPHEMERAL; tries++) {
            int p = nextEphemeral;
            nextEphemeral = p == 65535 ? FIRST_EPHEMERAL : p + 1;
            if (!udpSockets.containsKey(p)) {
                return p;
            }
        }
        throw new AddressInUseException("bind UDP port 0: no free ephemeral UDP port on host " + name, name, "-",
                net.runtime(), null);
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
        return "SimHost[" + name + switch (state) {
            case UP -> "";
            case CRASHED -> ", down";
            case KILLED -> ", killed";
        } + ", incarnation " + incarnation + "]";
    }

    /** Up; or down, after a crash of the machine or a kill of the process. */
    private enum State {
        /** Its tasks run and its sockets work. */
        UP,
        /** The machine crashed: sockets dead, what is sent to it lost. */
        CRASHED,
        /** Its process was killed: sockets closed by the OS, connects to it refused. */
        KILLED
    }
}
