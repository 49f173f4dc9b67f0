package com.example.metered;

import dev.lockstep.benchmarks.agent.AgentWorkload;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.time.Sleep;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The two-task channel scenario of the whole-run row ({@code dev.lockstep.benchmarks.runs.PingPong}),
 * written as an application that measures itself, so that calls the agent rewrites are on the hot
 * path. A producer task sends {@value #ITEMS} items (or as many as {@link #variant} says) through a one-slot {@link MeteredChannel}, each
 * stamped with {@code System.nanoTime()} and {@code System.currentTimeMillis()}; the consumer (the
 * run's main task) adds up each item's latency ({@code System.nanoTime()} again), samples
 * {@value #SAMPLE_PERCENT} % of the items with {@code ThreadLocalRandom} and a few with
 * {@code Math.random()}, and weighs each item with the {@code join()} of an already completed
 * {@code CompletableFuture} from a cache, then awaits the producer's handle: six rewritten calls an
 * item, about 144 a run of about 50 polls. {@link #variant} can leave the three clock reads
 * out (three calls an item, about 72 a run: calls whose plain form costs about what the rewritten
 * one does) and send more items a run.
 *
 * <h2>Determinism</h2>
 * What the run delivers (the weighted sum) does not depend on the clock or the random draws, so
 * both copies do the same work; rewritten, the clock reads virtual time and the draws come from
 * the run's stream, so its trace hash is a function of the seed; left alone, they read the real
 * clock and {@code ThreadLocalRandom}, which do not enter the trace.
 */
public final class MeteredPingPong implements AgentWorkload {
    /** Items sent per run. */
    static final int ITEMS = 24;
    /** Share of the items sampled. */
    static final int SAMPLE_PERCENT = 10;
    /** A cache of lookups already done: item {@code i} weighs {@code 1 + i % 3}. */
    private static final CompletableFuture<Integer>[] WEIGHTS = weights();

    /** Whether the run reads the clock. */
    private final boolean clock;
    /** Items sent per run. */
    private final int items;
    /** The weighted sum the consumer must receive. */
    private final long expected;

    /** The scenario with its clock reads and {@value #ITEMS} items; for {@code AgentSides}, which loads this class reflectively. */
    public MeteredPingPong() {
        this(true, ITEMS);
    }

    private MeteredPingPong(boolean clock, int items) {
        if (items < 1) {
            throw new IllegalArgumentException("items must be >= 1, got " + items);
        }
        this.clock = clock;
        this.items = items;
        this.expected = expected(items);
    }

    @Override
    public AgentWorkload variant(boolean readsClock, int itemsPerRun) {
        return new MeteredPingPong(readsClock, itemsPerRun);
    }

    @Override
    public Simulation run(long seed) {
        Simulation sim = Simulation.builder().seed(seed).build();
        MeteredChannel channel = new MeteredChannel();
        JoinHandle<Integer> producer = sim.spawn("producer", producer(channel, clock, items));
        Stats stats = new Stats();
        long sum = sim.blockOn(consumer(channel, producer, stats, clock));
        if (sum != expected || stats.received != items) {
            throw new IllegalStateException("seed " + seed + ": received " + stats.received + " items weighing " + sum
                    + ", expected " + items + " weighing " + expected);
        }
        return sim;
    }

    @Override
    public long nanoTimeAfterOneVirtualHour() {
        Simulation sim = Simulation.builder().seed(0).build();
        return sim.blockOn(Sleep.of(Duration.ofHours(1)).map(done -> System.nanoTime()));
    }

    private static Future<Integer> producer(MeteredChannel channel, boolean clock, int items) {
        int[] sent = {0};
        return cx -> {
            while (sent[0] < items) {
                MeteredChannel.Item item = clock
                        ? new MeteredChannel.Item(sent[0], System.nanoTime(), System.currentTimeMillis())
                        : new MeteredChannel.Item(sent[0], 0, 0);
                if (channel.pollSend(cx, item).isPending()) {
                    return Poll.pending();
                }
                sent[0]++;
            }
            channel.close();
            return Poll.ready(sent[0]);
        };
    }

    private static Future<Long> consumer(MeteredChannel channel, JoinHandle<Integer> producer, Stats stats,
            boolean clock) {
        long[] sum = {0};
        boolean[] drained = {false};
        return (Context cx) -> {
            while (!drained[0]) {
                Poll<MeteredChannel.Item> p = channel.pollRecv(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                MeteredChannel.Item item = p.value();
                if (item == null) {
                    drained[0] = true;
                } else {
                    stats.received++;
                    if (clock) {
                        stats.latencyNanos += System.nanoTime() - item.sentNanos();
                        stats.lastSentMillis = item.sentMillis();
                    }
                    if (ThreadLocalRandom.current().nextInt(100) < SAMPLE_PERCENT) {
                        stats.sampled++;
                    }
                    if (Math.random() < 0.01) {
                        stats.traced++;
                    }
                    sum[0] += (long) item.value() * WEIGHTS[item.value() % WEIGHTS.length].join();
                }
            }
            Poll<Integer> joined = producer.poll(cx);
            return joined.isReady() ? Poll.ready(sum[0]) : Poll.pending();
        };
    }

    /** What the consumer measured. */
    private static final class Stats {
        int received;
        int sampled;
        int traced;
        long latencyNanos;
        long lastSentMillis;
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<Integer>[] weights() {
        CompletableFuture<Integer>[] w = new CompletableFuture[3];
        for (int i = 0; i < w.length; i++) {
            w[i] = CompletableFuture.completedFuture(1 + i);
        }
        return w;
    }

    private static long expected(int items) {
        long s = 0;
        for (int i = 0; i < items; i++) {
            s += (long) i * (1 + i % 3);
        }
        return s;
    }
}
