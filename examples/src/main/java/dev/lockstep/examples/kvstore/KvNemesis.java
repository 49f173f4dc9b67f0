package dev.lockstep.examples.kvstore;

import static dev.lockstep.async.Async.async;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.future.Future;
import dev.lockstep.io.sim.SimNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The fault schedule of one run of the key-value store: a partition between the leader and both
 * followers, which may heal, and a crash of the leader, at times drawn from the run's choices.
 *
 * <h2>Plan</h2>
 * {@link Plan#draw} takes three times: the partition at 0 to {@value #LATEST_PARTITION_MS} ms;
 * its heal 1 to {@value #LONGEST_PARTITION_MS} ms later; the crash at 0 to
 * {@value #LATEST_CRASH_MS} ms, independently. The client is never cut off from the leader, so a
 * partitioned leader still hears its clients. While the partition lasts, and for a round trip
 * after it heals, replication is stalled; a leader that acknowledges before replicating loses
 * what it acknowledged in that time if it crashes before replication catches up. A crash before
 * the first write leaves nothing to lose.
 *
 * <h2>Returns</h2>
 * {@link #run} completes after the last of its faults, the crash among them: from then on the
 * leader is down and a client may fail over.
 */
public final class KvNemesis {
    /** The latest time of the partition, in ms of virtual time. */
    static final int LATEST_PARTITION_MS = 30;
    /** The longest partition, in ms. */
    static final int LONGEST_PARTITION_MS = 40;
    /** The latest time of the crash, in ms. */
    static final int LATEST_CRASH_MS = 60;

    /**
     * When the faults happen, in virtual time from the start of the run.
     *
     * @param partitionAt when the leader is cut off from its followers (both directions)
     * @param healAt      when the partition heals; after {@code partitionAt}
     * @param crashAt     when the leader crashes
     */
    public record Plan(Duration partitionAt, Duration healAt, Duration crashAt) {
        public Plan {
            if (partitionAt.isNegative() || crashAt.isNegative() || healAt.compareTo(partitionAt) <= 0) {
                throw new IllegalArgumentException("a plan's times are not negative and it heals after it"
                        + " partitions, got partition at " + partitionAt + ", heal at " + healAt + ", crash at "
                        + crashAt);
            }
        }

        /** Draws a plan from {@code choices} (three draws). */
        public static Plan draw(ChoiceSource choices) {
            long partition = choices.between(0, LATEST_PARTITION_MS);
            long heal = partition + choices.between(1, LONGEST_PARTITION_MS);
            long crash = choices.between(0, LATEST_CRASH_MS);
            return new Plan(Duration.ofMillis(partition), Duration.ofMillis(heal), Duration.ofMillis(crash));
        }

        @Override
        public String toString() {
            return "partition " + KvCluster.LEADER + " from " + KvCluster.followerNames() + " at "
                    + partitionAt.toMillis() + " ms, heal at " + healAt.toMillis() + " ms, crash " + KvCluster.LEADER
                    + " at " + crashAt.toMillis() + " ms";
        }
    }

    private KvNemesis() {}

    /** A chaos task's future that carries out {@code plan} on {@code net}, one fault at a time. */
    public static Future<Void> run(SimNetwork net, Plan plan) {
        List<Fault> faults = new ArrayList<>(List.of(
                new Fault(plan.partitionAt(), () -> eachFollower(f -> net.partition(KvCluster.LEADER, f))),
                new Fault(plan.healAt(), () -> eachFollower(f -> net.heal(KvCluster.LEADER, f))),
                new Fault(plan.crashAt(), () -> net.crash(KvCluster.LEADER))));
        faults.sort(Comparator.comparing(Fault::at)); // stable: on equal times partition, heal, crash
        return async(a -> {
            for (Fault f : faults) {
                a.sleep(f.at().minusNanos(a.runtime().nanos()));
                f.action().run();
            }
            return null;
        });
    }

    private static void eachFollower(Consumer<String> action) {
        KvCluster.followerNames().forEach(action);
    }

    /** One fault of a plan and when it happens. */
    private record Fault(Duration at, Runnable action) {}
}
