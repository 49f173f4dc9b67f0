package dev.lockstep.fault;

import java.time.Duration;
import java.util.List;

/**
 * A simulated network that the network faults of a {@link FaultPlan} act on: {@code partition},
 * {@code crash}, {@code latency-spike}, {@code datagram-burst} and {@code kill}. The simulated
 * network of virtual-io implements it and registers itself with {@code Simulation.attachNetwork}
 * when it is built; the simulation then draws the faults of its plan and applies them through
 * these methods, at virtual times drawn from the run's choices, between polls.
 *
 * <h2>Contract</h2>
 * Each method acts at once and is traced by the network; host names are those of
 * {@link #faultHosts()}. Every fault the simulation starts it also ends (heal, restart, the
 * returned undo), unless the run is over first.
 */
public interface NetworkFaultTarget {

    /**
     * The window of virtual time, from when the network was attached, in which network faults
     * start: the span in which the scenario does what the faults should disturb. Each fault then
     * lasts up to half of it (at least 1 ms). The default is {@link FaultPlan#NETWORK_HORIZON_MS}.
     */
    default Duration faultHorizon() {
        return Duration.ofMillis(FaultPlan.NETWORK_HORIZON_MS);
    }

    /** The hosts a partition may split or a link fault may slow, in creation order, now. */
    List<String> faultHosts();

    /**
     * The cluster: the hosts that the partition shapes {@code one}, {@code majority} and
     * {@code bridge} split, in creation order, now. A host of {@link #faultHosts()} left out of it
     * (a test's client) keeps its links to both sides of those partitions, as the control node of
     * a Jepsen test does; {@code random} partitions still reach it. The default is
     * {@link #faultHosts()}.
     */
    default List<String> clusterHosts() {
        return faultHosts();
    }

    /** The hosts that may be crashed and restarted, in creation order, now. */
    List<String> crashableHosts();

    /** Cuts the direction {@code from -> to}. */
    void partitionOneWay(String from, String to);

    /** Ends a partition of the direction {@code from -> to}. */
    void healOneWay(String from, String to);

    /** Crashes {@code host}: its tasks are cancelled and its connections reset. */
    void crash(String host);

    /** Starts a new incarnation of {@code host}. */
    void restart(String host);

    /**
     * Kills the process of {@code host}, its machine staying up (the {@code kill} fault): its
     * tasks are cancelled, the OS closes its connections in order, and it stays down until
     * {@link #restart}. A target that cannot tell a process from its machine crashes it.
     */
    default void kill(String host) {
        crash(host);
    }

    /**
     * Adds {@code extra} to the latency of {@code from -> to}.
     *
     * @return what restores the link's config as it was
     */
    Runnable slowLink(String from, String to, Duration extra);

    /**
     * Makes {@code from -> to} lose, duplicate and reorder datagrams with these probabilities.
     *
     * @return what restores the link's config as it was
     */
    Runnable burstLink(String from, String to, double loss, double duplicate, double reorder);
}
