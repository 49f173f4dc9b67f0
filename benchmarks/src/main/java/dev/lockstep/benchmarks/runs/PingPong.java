package dev.lockstep.benchmarks.runs;

import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.runtime.Simulation;

/**
 * The scenario of the whole-run row: two tasks and a channel. A producer task sends
 * {@value #ITEMS} numbers through a one-slot {@link Channel} and closes it; the consumer (the
 * run's main task) sums what it receives and then awaits the producer's handle. A run takes about
 * 50 polls, with the schedule drawn from the run's seed, the trace on (hash of every event,
 * default retention) and every choice recorded, as in a hunt.
 */
public final class PingPong {
    /** Items sent per run. */
    static final int ITEMS = 24;
    private static final long EXPECTED_SUM = (long) ITEMS * (ITEMS - 1) / 2;

    private PingPong() {}

    /**
     * Runs the scenario once with {@code seed}.
     *
     * @return the finished simulation, for its trace hash or step count
     * @throws IllegalStateException if the consumer did not receive every item
     */
    public static Simulation run(long seed) {
        Simulation sim = Simulation.builder().seed(seed).build();
        Channel<Integer> channel = new Channel<>(1);
        JoinHandle<Integer> producer = sim.spawn("producer", producer(channel));
        long sum = sim.blockOn(consumer(channel, producer));
        if (sum != EXPECTED_SUM) {
            throw new IllegalStateException("seed " + seed + ": received sum " + sum + ", expected " + EXPECTED_SUM);
        }
        return sim;
    }

    private static Future<Integer> producer(Channel<Integer> channel) {
        int[] sent = {0};
        return cx -> {
            while (sent[0] < ITEMS) {
                if (channel.pollSend(cx, sent[0]).isPending()) {
                    return Poll.pending();
                }
                sent[0]++;
            }
            channel.close();
            return Poll.ready(sent[0]);
        };
    }

    private static Future<Long> consumer(Channel<Integer> channel, JoinHandle<Integer> producer) {
        long[] sum = {0};
        boolean[] drained = {false};
        return (Context cx) -> {
            while (!drained[0]) {
                Poll<Integer> p = channel.pollRecv(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                Integer item = p.value();
                if (item == null) {
                    drained[0] = true;
                } else {
                    sum[0] += item;
                }
            }
            Poll<Integer> joined = producer.poll(cx);
            return joined.isReady() ? Poll.ready(sum[0]) : Poll.pending();
        };
    }
}
