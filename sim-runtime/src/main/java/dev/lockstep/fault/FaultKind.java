package dev.lockstep.fault;

import dev.lockstep.choice.ChoiceSource;
import java.util.Locale;

/**
 * The faults a {@link FaultPlan} can switch on. Each is drawn from the run's {@link ChoiceSource}
 * at the moment it could happen (a recorded 0 means "no fault"), and each injection is a
 * {@link TraceEvent.Fault} naming the task.
 *
 * <p>Each constant says what the executor does and which broken future it exposes. The
 * {@linkplain #key() key} is the name used in {@link FaultPlan#toString()}, {@link FaultPlan#parse}
 * and as the trace event's {@code kind}.
 */
public enum FaultKind {
    /**
     * At a scheduling decision, the task the scheduler picked is moved to the back of the run queue
     * and another runnable task runs first. Exposes order assumptions the scheduler alone rarely
     * breaks (under PCT, it overrides a priority).
     */
    REORDER,
    /**
     * A task that nobody woke is polled (chosen among the tasks waiting for a wake), also when
     * nothing else is runnable. Exposes futures that complete or misbehave when polled without a
     * wake (spurious-wakeup intolerance).
     */
    SPURIOUS_POLL,
    /**
     * A wake that scheduled a task is delivered a second time a few steps later, after the task
     * may already have run. Exposes futures that count wakes as events.
     */
    DUPLICATE_WAKE,
    /**
     * A wake is held back for 1 to {@link FaultPlan#maxWakeDelay()} steps (other tasks run
     * first); held wakes are delivered before the clock moves. Exposes order assumptions between
     * a waker and the woken.
     */
    DELAY_WAKE,
    /**
     * The task is polled with a new waker (a new {@code RawWaker} data token); waking an older
     * token is ignored and recorded as {@code stale-waker}. Exposes futures that keep the first
     * waker instead of the latest: the run deadlocks with the task named as a STALE WAKER.
     */
    FRESH_WAKER,
    /**
     * A task's {@code FusedFuture} is polled once more right after it returned {@code Ready} (the
     * fused check): it must return {@code Pending}, report {@code isTerminated()} and do nothing
     * else, or the run fails with {@link ContractViolationException.Kind#NOT_FUSED}. Futures that
     * are not fused are never polled after {@code Ready} (see {@code FusedCheck}).
     */
    POLL_AFTER_READY,
    /**
     * An {@code Unpin} task future is moved between polls ({@code Movable.relocate()} or a
     * shallow copy) and polled at its new place; if anything still refers to the pre-move
     * instance the run fails with {@link ContractViolationException.Kind#PIN_VIOLATION}.
     */
    RELOCATE,
    /**
     * Enables {@link RuntimeHandle#buggify(String)}: each site is switched on for the run with
     * the plan's probability the first time it is asked, then fires with that probability.
     */
    BUGGIFY,
    /**
     * When the clock jumps to the next timer, the timers due within a drawn window of up to
     * {@link FaultPlan#maxTimerSlackNanos()} fire together, in a drawn order, at the latest of their
     * deadlines; or the next timer alone fires late, by up to the window, after the timers and
     * polls that come before its late deadline (as a timer wheel with coarse ticks, or a loaded
     * machine, fires them). No timer fires before its deadline. Exposes futures that treat
     * near-simultaneous timers as ordered by their deadlines.
     */
    TIMER_SLACK,
    /**
     * A due timer (a {@code wakeAt}, {@code sleep} or {@code runAt} callback) is held while tasks are
     * runnable at that instant and fires once each of them has been polled, or earlier when nothing
     * is runnable: timers race the polls of their instant. Exposes futures that assume a timer due
     * now has already fired when they are polled (a deadline re-checked only on the timer's own
     * wake).
     */
    DEFER_TIMER,
    /**
     * On a simulated network ({@link NetworkFaultTarget}): at a drawn time within the network's
     * {@linkplain NetworkFaultTarget#faultHorizon() fault horizon} ({@link FaultPlan#NETWORK_HORIZON_MS}
     * ms by default), the hosts are split along a drawn shape, as Jepsen's nemeses split a cluster
     * (one host cut off, a minority against the majority, a bridge, or a side per host by a coin),
     * and the links between the sides are cut, both ways or one way, for a drawn 1 ms to half the
     * horizon ({@link FaultPlan#NETWORK_LONGEST_MS} ms by default). Exposes protocols that assume
     * a peer they can no longer reach is down, or that replicate only when connected.
     */
    PARTITION,
    /**
     * On a simulated network: a drawn host (of {@link NetworkFaultTarget#crashableHosts()})
     * crashes at a drawn time within the fault horizon and restarts a drawn 1 ms to half the
     * horizon ({@link FaultPlan#NETWORK_LONGEST_MS} ms by default) later. With {@link #PARTITION}
     * on too, crashes come with the partitions instead: as each heals, a host of its smaller side
     * crashes with this fault's probability. Exposes state kept
     * only in memory, acknowledged before it is durable or replicated.
     */
    CRASH,
    /**
     * On a simulated network: a drawn link gets 1 to {@link FaultPlan#NETWORK_SPIKE_MS} ms of
     * extra latency for a drawn while. Exposes timeouts that are too tight and orders that hold
     * only when every link is equally fast.
     */
    LATENCY_SPIKE,
    /**
     * On a simulated network: a drawn link loses, duplicates and reorders datagrams (each switched
     * on by a coin) for a drawn while. Exposes datagram protocols that assume delivery, once and in
     * order.
     */
    DATAGRAM_BURST,
    /**
     * On a simulated disk ({@code SimStorage} in virtual-io): each read fails with {@code EIO}, and
     * each write, append, truncate or sync fails with {@code EIO} applying nothing, with the plan's
     * probability (or the disk's own {@code DiskConfig} rate where that is higher). Exposes code that treats a
     * failed write as never happening, or a failed sync as harmless. Swarm does not draw it: a swarm
     * run draws exactly what it drew before disks existed; give it in a plan
     * ({@code faults = "disk-error=0.05"}).
     */
    DISK_ERROR,
    /**
     * On a simulated network: the process of a drawn host (of
     * {@link NetworkFaultTarget#crashableHosts()}) is killed at a drawn time within the fault
     * horizon, as {@code SIGKILL} or an out-of-memory kill does, and restarted a drawn 1 ms to half
     * the horizon ({@link FaultPlan#NETWORK_LONGEST_MS} ms by default) later, unless it is up
     * again by then. The machine stays up: the OS closes the process's sockets in order (a FIN, or a
     * reset where received bytes were left unread), refuses connects while it is down, and its
     * disk keeps what the process wrote, synced or not. Exposes peers that take an orderly close
     * for a finished exchange, servers that keep state only in memory, and recovery written for a
     * crash only. Independent of {@link #PARTITION}; the run's focus host, if it has one, is the
     * one killed. Swarm does not draw it: a swarm run draws exactly what it drew before kills
     * existed; give it in a plan ({@code faults = "kill=0.5"}).
     */
    KILL;

    /**
     * The label of this fault's draws in {@code Simulation.replayTags()}: {@code ordinal() + 1}
     * (0 labels a draw that is no fault's).
     */
    public int tag() {
        return ordinal() + 1;
    }

    /**
     * A coin of probability {@code p} drawn from {@code choices}, labelled with this fault
     * ({@link #tag()}), so that a shrinker switching this fault off drops exactly its draws. The
     * label changes nothing that is drawn.
     */
    public boolean coin(ChoiceSource choices, double p) {
        choices.tag(tag());
        try {
            return choices.chance(p);
        } finally {
            choices.tag(0);
        }
    }

    /** Whether this fault acts on a simulated disk. */
    public boolean isDiskFault() {
        return this == DISK_ERROR;
    }

    /** Whether this fault acts on a simulated network rather than on the executor. */
    public boolean isNetworkFault() {
        return this == PARTITION || this == CRASH || this == LATENCY_SPIKE || this == DATAGRAM_BURST || this == KILL;
    }

    /**
     * Whether a swarm run may draw this fault: every fault but those added after swarm's draws
     * were fixed ({@code disk-error}, {@code kill}), so that a swarm run draws what it always drew.
     */
    public boolean inSwarm() {
        return this != DISK_ERROR && this != KILL;
    }

    /** The lower-case, hyphenated name: {@code spurious-poll}, {@code poll-after-ready}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The kind with this {@linkplain #key() key}.
     *
     * @throws IllegalArgumentException naming the known keys if there is none
     */
    public static FaultKind ofKey(String key) {
        for (FaultKind k : values()) {
            if (k.key().equals(key)) {
                return k;
            }
        }
        StringBuilder known = new StringBuilder();
        for (FaultKind k : values()) {
            known.append(known.isEmpty() ? "" : ", ").append(k.key());
        }
        throw new IllegalArgumentException("unknown fault '" + key + "'; known faults: " + known);
    }
}
