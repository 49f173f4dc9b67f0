package dev.lockstep.io.sim;

import dev.lockstep.fault.NetworkFaultTarget;
import dev.lockstep.future.Future;
import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.io.Reactor;
import dev.lockstep.io.SocketClosedException;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.trace.TraceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A simulated network of named hosts over a {@link Simulation}: the reactor that replaces epoll,
 * links with latency, bandwidth and faults, and the fault API of a test (partition, hold, crash,
 * kill, restart).
 *
 * <pre>{@code
 * Simulation sim = Simulation.builder().seed(42).build();
 * SimNetwork net = SimNetwork.create(sim);
 * net.host("db-1", () -> server(InetSocketAddress.createUnresolved("db-1", 5432)));
 * SimHost client = net.host("app-1", () -> client(InetSocketAddress.createUnresolved("db-1", 5432)));
 * sim.blockOn(client.main());
 * }</pre>
 *
 * <h2>Hosts</h2>
 * A host's name is its address. Its main future and every task it spawns run on it; sockets made
 * by its tasks belong to it. See {@link SimHost}.
 *
 * <h2>Links</h2>
 * Every ordered pair of hosts has a link, configured by {@link LinkConfig} (the builder's default
 * unless {@link #link set}); a host's link to itself is {@link LinkConfig#LOOPBACK}. TCP is
 * reliable and ordered: a partition or hold stalls a connection until the link heals, so only a
 * caller's timeout notices. Datagrams may be lost, duplicated and reordered, with the link's
 * probabilities; a partition drops them, a hold keeps them until release.
 *
 * <h2>Determinism</h2>
 * Latency jitter and every datagram fault are drawn from the simulation's choices (choice 0: the
 * minimum latency, no fault); deliveries are events in virtual time
 * ({@link RuntimeHandle#runAt}), so a seed or replay string replays the network exactly.
 *
 * <h2>Trace</h2>
 * Every network event is a {@link TraceEvent.Net} whose {@code host -> peer} is the direction of
 * the traffic: {@code connect}, {@code accept}, {@code established}, {@code send},
 * {@code deliver}, {@code fin}, {@code reset}, {@code refused}, {@code stall}, {@code drop},
 * {@code duplicate}, {@code reorder}; and the faults, {@code partition}, {@code heal},
 * {@code hold}, {@code release}, {@code crash}, {@code kill}, {@code restart}. Nothing is lost
 * silently: every dropped byte has a {@code drop} event. Flow-control ACKs are not traced.
 *
 * <h2>Errors</h2>
 * Socket operations fail with the {@link dev.lockstep.io.NetException} family. A socket used
 * by a task that is on no host, or on a host not added here, is an {@link IllegalStateException}
 * naming the task. Fault methods reject unknown host names, listing the known ones.
 *
 * <h2>Threads</h2>
 * Like its simulation, a network is confined to the simulation's thread. Fault methods may be
 * called between runs or from inside a task (a chaos task).
 */
public final class SimNetwork implements NetworkFaultTarget {
    private final Simulation sim;
    private final LinkConfig defaultLink;
    private final int segmentSize;
    private final int datagramQueue;
    private final Map<String, SimHost> hosts = new LinkedHashMap<>();
    /** Links by "from\0to"; only looked up, never iterated. */
    private final Map<String, Link> links = new HashMap<>();
    private final Connections tcp = new Connections(this);
    private final Datagrams datagrams = new Datagrams(this);
    private int registrations;
    /** Called with a host's name when it crashes, before its tasks are cancelled (its disk loses power). */
    private final List<Consumer<String>> crashHooks = new ArrayList<>();
    /** Called with a host's name when its process is killed, before its tasks are cancelled. */
    private final List<Consumer<String>> killHooks = new ArrayList<>();
    /** Called with a host's name when it restarts, before its new main is spawned. */
    private final List<Consumer<String>> restartHooks = new ArrayList<>();
    private final Duration faultHorizon;
    /** Hosts the plan's {@code crash} fault leaves alone; only looked up. */
    private final java.util.Set<String> spared = new HashSet<>();

    private SimNetwork(Builder b) {
        this.faultHorizon = b.faultHorizon;
        this.sim = b.sim;
        this.defaultLink = b.defaultLink;
        this.segmentSize = b.segmentSize;
        this.datagramQueue = b.datagramQueue;
    }

    /**
     * A network with {@link LinkConfig#DEFAULT} links, installed on {@code sim} as its
     * {@link Reactor} (and as the {@code SimNetwork} service, for chaos tasks).
     *
     * @throws IllegalStateException if {@code sim} already has a reactor
     */
    public static SimNetwork create(Simulation sim) {
        return builder(sim).build();
    }

    /** A builder for a network over {@code sim}. */
    public static Builder builder(Simulation sim) {
        return new Builder(Objects.requireNonNull(sim, "SimNetwork.builder: simulation is null"));
    }

    // ---------------------------------------------------------------- hosts

    /**
     * Adds a host named {@code name} and starts its main task ({@code main.get()}); the supplier
     * is called again by every {@link #restart}.
     *
     * @throws IllegalArgumentException if the name is taken, empty, or not a valid host name, naming
     *                                  the step, virtual time and replay string
     */
    public SimHost host(String name, Supplier<? extends Future<?>> main) {
        Objects.requireNonNull(name, "host: name is null");
        Objects.requireNonNull(main, "host(\"" + name + "\"): main is null");
        if (!name.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
            throw new IllegalArgumentException("host name '" + name + "' is not a valid host name (letters, digits,"
                    + " '-' and '.'); it is used as the host's address (" + runtime().describe() + ")");
        }
        if (hosts.containsKey(name)) {
            throw new IllegalArgumentException("a host named '" + name + "' already exists; hosts: " + hostNames()
                    + " (" + runtime().describe() + ")");
        }
        SimHost h = new SimHost(this, name, main);
        hosts.put(name, h);
        h.start();
        return h;
    }

    /**
     * The host named {@code name}.
     *
     * @throws IllegalArgumentException if there is none, listing the hosts, with the step, virtual time
     *                                  and replay string
     */
    public SimHost host(String name) {
        SimHost h = hosts.get(name);
        if (h == null) {
            throw new IllegalArgumentException("no host named '" + name + "'; hosts: " + hostNames() + " ("
                    + runtime().describe() + ")");
        }
        return h;
    }

    /** Every host, in the order they were added. */
    public List<SimHost> hosts() {
        return List.copyOf(hosts.values());
    }

    /** Sets the config of both directions between {@code a} and {@code b}. */
    public void link(String a, String b, LinkConfig config) {
        Objects.requireNonNull(config, "link: config is null");
        directed(host(a).name(), host(b).name()).configure(config);
        directed(b, a).configure(config);
    }

    /** The config of the direction {@code from -> to}. */
    public LinkConfig linkConfig(String from, String to) {
        return directed(host(from).name(), host(to).name()).config();
    }

    // ---------------------------------------------------------------- faults

    /** Cuts both directions between {@code a} and {@code b}: TCP stalls, datagrams are dropped. */
    public void partition(String a, String b) {
        partitionOneWay(a, b);
        partitionOneWay(b, a);
    }

    /** Cuts the direction {@code from -> to} only. */
    @Override
    public void partitionOneWay(String from, String to) {
        Link l = faultLink(from, to, "partition");
        l.partitioned = true;
        trace(from, to, "partition", 0, "");
    }

    /** Ends partitions in both directions between {@code a} and {@code b}; stalled TCP moves on. */
    public void heal(String a, String b) {
        healOneWay(a, b);
        healOneWay(b, a);
    }

    /** Ends every partition and every hold. */
    public void healAll() {
        for (SimHost a : hosts.values()) {
            for (SimHost b : hosts.values()) {
                Link l = links.get(key(a.name(), b.name()));
                if (l != null && l.blocked()) {
                    l.partitioned = false;
                    l.held = false;
                    trace(a.name(), b.name(), "heal", 0, "all");
                    l.resume();
                }
            }
        }
    }

    /** Holds traffic both ways between {@code a} and {@code b} (turmoil's hold): nothing is dropped. */
    public void hold(String a, String b) {
        for (Link l : List.of(faultLink(a, b, "hold"), faultLink(b, a, "hold"))) {
            l.held = true;
            trace(l.from, l.to, "hold", 0, "");
        }
    }

    /** Releases what {@link #hold} kept, in the order it was held. */
    public void release(String a, String b) {
        for (Link l : List.of(faultLink(a, b, "release"), faultLink(b, a, "release"))) {
            l.held = false;
            trace(l.from, l.to, "release", 0, l.heldDatagrams.size() + " datagrams, " + l.stalled.size() + " streams");
            l.resume();
        }
    }

    /**
     * Crashes {@code name}. In this order:
     * <ol>
     *   <li>its disk, if it has one, loses power;
     *   <li>the host goes down and its sockets die: each of its connections is reset at the peer
     *       once the RST arrives (after the data already in flight), and datagrams queued at its
     *       sockets are dropped (traced);
     *   <li>then its tasks are cancelled (their registrations released). What they run while they
     *       unwind ({@code finally} blocks, try-with-resources) cannot reach the network: a
     *       {@code close()} of a dead socket does nothing (no FIN, the peer sees the reset), any
     *       other use of a dead socket fails with {@link dev.lockstep.io.SocketClosedException},
     *       a new socket is refused the same way, and a task spawned on the host while it unwinds
     *       is aborted before it runs.
     * </ol>
     * Nothing of it runs until {@link #restart}. No effect on a host that crashed already; a
     * host whose process was {@linkplain #kill killed} crashes too (its disk loses power, and
     * connects to it are lost from now on). Objects the test shares between hosts in memory (a
     * promise, a list) are outside the network: a crash does not undo what an unwinding task does
     * to them.
     *
     * <p>A crash is the machine going away. For the death of a process on a machine that stays
     * up ({@code kill -9}, an out-of-memory kill), use {@link #kill}: there the OS still closes
     * the sockets in order.
     */
    @Override
    public void crash(String name) {
        SimHost h = host(name);
        if (!h.isUp() && !h.isKilled()) {
            return;
        }
        trace(name, "", "crash", 0, "incarnation " + h.incarnation());
        for (Consumer<String> hook : crashHooks) {
            hook.accept(name); // its disk loses power
        }
        h.killSockets();
        sim.abortHost(name);
    }

    /**
     * Kills the process of {@code name} as {@code SIGKILL} does, its machine staying up. In this
     * order:
     * <ol>
     *   <li>its disk, if it has one, keeps every write (the page cache outlives a process), and
     *       the handles opened before the kill die;
     *   <li>the host goes down and the OS closes each of its sockets as {@code close()} would: a
     *       connection with no received bytes unread ends with a FIN after the data already
     *       written (the peer reads all of it, then end-of-stream; bytes the peer sends after that
     *       are answered with a reset), one with received bytes unread is reset (the unread bytes
     *       are traced {@code drop}s); a listener resets the connections waiting in its backlog;
     *       datagrams queued at its UDP sockets are dropped (traced);
     *   <li>then its tasks are cancelled, as by {@link #crash}: what they run while they unwind
     *       ({@code finally} blocks, try-with-resources) cannot reach the network or the disk; a
     *       {@code close()} of a socket the OS closed does nothing, any other use of it fails with
     *       {@link SocketClosedException}, a new socket is refused the same way, and a task spawned
     *       on the host while it unwinds is aborted before it runs.
     * </ol>
     * While it is down the machine still answers: a connect to it is refused
     * ({@link dev.lockstep.io.ConnectionRefusedException}) and a datagram to it is dropped as
     * {@code nothing bound}. Nothing of it runs until {@link #restart}, which does not crash it
     * (unsynced writes stay). No effect on a host that is down.
     *
     * <h2>Determinism</h2>
     * The kill is a {@code kill} trace event; the FINs and resets it sends are ordinary segments
     * with the link's latency, drawn from the run's choices. The plan's {@code kill} fault
     * calls this.
     */
    @Override
    public void kill(String name) {
        SimHost h = host(name);
        if (!h.isUp()) {
            return;
        }
        trace(name, "", "kill", 0, "incarnation " + h.incarnation());
        for (Consumer<String> hook : killHooks) {
            hook.accept(name); // its disk's handles close; the cache stays
        }
        h.closeSocketsOfKilledProcess();
        sim.abortHost(name);
    }

    /**
     * Starts a new incarnation of {@code name}, crashing it first if it is up: empty socket
     * tables, and its main built again by its supplier. A host whose process was
     * {@linkplain #kill killed} is not crashed: its disk keeps what the killed process wrote.
     */
    @Override
    public void restart(String name) {
        SimHost h = host(name);
        if (h.isUp()) {
            crash(name);
        }
        trace(name, "", "restart", 0, "incarnation " + (h.incarnation() + 1));
        for (Consumer<String> hook : restartHooks) {
            hook.accept(name);
        }
        h.start();
    }

    // ---------------------------------------------------------------- the plan's network faults

    /**
     * Keeps the fault plan's {@code crash} fault from crashing {@code name} (a test's client, whose
     * main the test awaits), and leaves it out of the {@linkplain #clusterHosts() cluster}: the
     * plan's partitions of the shapes {@code one}, {@code majority} and {@code bridge} leave its
     * links alone. Partitions of the shape {@code random} and link faults still reach it;
     * {@link #crash} still works.
     */
    public void spareFromCrashes(String name) {
        spared.add(host(name).name());
    }

    /** The window in which the plan's network faults start (set with {@link Builder#faultHorizon}). */
    @Override
    public Duration faultHorizon() {
        return faultHorizon;
    }

    /** Every host, in the order they were added: what the plan's partitions and link faults draw from. */
    @Override
    public List<String> faultHosts() {
        return List.copyOf(hosts.keySet());
    }

    /** Every host not {@linkplain #spareFromCrashes spared}, in the order they were added. */
    @Override
    public List<String> clusterHosts() {
        List<String> out = new ArrayList<>();
        for (String h : hosts.keySet()) {
            if (!spared.contains(h)) {
                out.add(h);
            }
        }
        return out;
    }

    /** The hosts that are up and not {@linkplain #spareFromCrashes spared}, in the order they were added. */
    @Override
    public List<String> crashableHosts() {
        List<String> out = new ArrayList<>();
        for (SimHost h : hosts.values()) {
            if (h.isUp() && !spared.contains(h.name())) {
                out.add(h.name());
            }
        }
        return out;
    }

    @Override
    public Runnable slowLink(String from, String to, Duration extra) {
        Link l = faultLink(from, to, "latency-spike");
        LinkConfig before = l.config();
        l.configure(before.withLatency(before.latency().plus(extra), before.jitter()));
        trace(from, to, "latency-spike", 0, "+" + extra.toMillis() + " ms");
        return () -> {
            l.configure(before);
            trace(from, to, "latency-spike-end", 0, "");
        };
    }

    @Override
    public Runnable burstLink(String from, String to, double loss, double duplicate, double reorder) {
        Link l = faultLink(from, to, "datagram-burst");
        LinkConfig before = l.config();
        l.configure(before.withDatagramFaults(Math.max(loss, before.loss()), Math.max(duplicate,
                before.duplicate()), Math.max(reorder, before.reorder())));
        trace(from, to, "datagram-burst", 0, "loss " + loss + ", duplicate " + duplicate + ", reorder " + reorder);
        return () -> {
            l.configure(before);
            trace(from, to, "datagram-burst-end", 0, "");
        };
    }

    // ---------------------------------------------------------------- introspection

    /** Active reactor registrations across all sockets (none should leak past a cancelled future). */
    public int registrations() {
        return registrations;
    }

    /** The simulation the network runs in. */
    public Simulation simulation() {
        return sim;
    }

    @Override
    public String toString() {
        return "SimNetwork[" + hostNames() + "]";
    }

    // ---------------------------------------------------------------- package-private world

    RuntimeHandle runtime() {
        return sim.handle();
    }

    Connections tcp() {
        return tcp;
    }

    Datagrams datagrams() {
        return datagrams;
    }

    int segmentSize() {
        return segmentSize;
    }

    int datagramQueue() {
        return datagramQueue;
    }

    SimHost hostOrNull(String name) {
        return hosts.get(name);
    }

    List<String> hostNames() {
        return new ArrayList<>(hosts.keySet());
    }

    /** The host of the task being polled. */
    SimHost currentHost(String operation) {
        String name = runtime().currentHost();
        SimHost h = hosts.get(name);
        if (h == null) {
            throw new IllegalStateException(operation + " from task '" + runtime().currentTaskName() + "', which is "
                    + (name.isEmpty() ? "on no simulated host" : "on host '" + name + "', not one of this network's "
                    + hostNames()) + ": sockets belong to hosts; run the code as a host's main (net.host(\"name\","
                    + " () -> future)) or spawn it with host.spawn(..) (" + runtime().describe() + ")");
        }
        if (!h.isUp()) {
            throw new SocketClosedException(operation + " from task '" + runtime().currentTaskName() + "' of host "
                    + name + (h.isKilled() ? ", whose process was killed: a killed process's tasks unwind"
                    : ", which crashed: a crashed host's tasks unwind") + " without reaching the network", name, "-",
                    runtime(), null);
        }
        return h;
    }

    /** The link in the direction {@code from -> to}, made on first use. */
    Link directed(String from, String to) {
        return links.computeIfAbsent(key(from, to), k -> new Link(this, from, to,
                from.equals(to) ? LinkConfig.LOOPBACK : defaultLink));
    }

    void trace(String host, String peer, String kind, int bytes, String detail) {
        sim.trace().add(new TraceEvent.Net(sim.step(), sim.nanos(), host, peer, kind, bytes, detail));
    }

    void onCrash(Consumer<String> hook) {
        crashHooks.add(hook);
    }

    void onKill(Consumer<String> hook) {
        killHooks.add(hook);
    }

    void onRestart(Consumer<String> hook) {
        restartHooks.add(hook);
    }

    void registrationAdded() {
        registrations++;
    }

    void registrationRemoved() {
        registrations--;
    }

    /** Ends a partition of the direction {@code from -> to} only. */
    @Override
    public void healOneWay(String from, String to) {
        Link l = faultLink(from, to, "heal");
        l.partitioned = false;
        trace(from, to, "heal", 0, "");
        l.resume();
    }

    private Link faultLink(String from, String to, String fault) {
        host(from);
        host(to);
        if (from.equals(to)) {
            throw new IllegalArgumentException(fault + "(\"" + from + "\", \"" + to + "\"): a host's link to itself"
                    + " cannot be cut; name two different hosts (" + runtime().describe() + ")");
        }
        return directed(from, to);
    }

    private static String key(String from, String to) {
        return from + '\0' + to;
    }

    // ---------------------------------------------------------------- builder

    /** Configures a {@link SimNetwork}. */
    public static final class Builder {
        private Duration faultHorizon = Duration.ofMillis(dev.lockstep.fault.FaultPlan.NETWORK_HORIZON_MS);
        private final Simulation sim;
        private LinkConfig defaultLink = LinkConfig.DEFAULT;
        private int segmentSize = 1460;
        private int datagramQueue = 1024;

        private Builder(Simulation sim) {
            this.sim = sim;
        }

        /** The config of every link not set with {@link SimNetwork#link}. */
        public Builder defaultLink(LinkConfig config) {
            this.defaultLink = Objects.requireNonNull(config, "defaultLink: config is null");
            return this;
        }

        /** The largest TCP segment (default 1460 bytes): a write is split into segments of at most this. */
        public Builder segmentSize(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("segmentSize must be >= 1 byte, got " + bytes);
            }
            this.segmentSize = bytes;
            return this;
        }

        /** How many datagrams a UDP socket queues before dropping (default 1024). */
        public Builder datagramQueue(int datagrams) {
            if (datagrams < 1) {
                throw new IllegalArgumentException("datagramQueue must be >= 1, got " + datagrams);
            }
            this.datagramQueue = datagrams;
            return this;
        }

        /**
         * The window of virtual time, from now, in which the run's fault plan starts its network
         * faults ({@code partition}, {@code crash}, {@code latency-spike}, {@code datagram-burst});
         * each lasts up to half of it. 100 ms by default: set it to the span in which the scenario
         * does what the faults should disturb.
         */
        public Builder faultHorizon(Duration horizon) {
            if (horizon.toMillis() < 1) {
                throw new IllegalArgumentException("faultHorizon must be at least 1 ms, got " + horizon);
            }
            this.faultHorizon = horizon;
            return this;
        }

        /**
         * The network, installed on the simulation.
         *
         * @throws IllegalStateException if the simulation already has a reactor
         */
        public SimNetwork build() {
            SimNetwork net = new SimNetwork(this);
            sim.install(Reactor.class, new SimReactor(net));
            sim.install(SimNetwork.class, net);
            sim.attachNetwork(net);
            return net;
        }
    }
}
