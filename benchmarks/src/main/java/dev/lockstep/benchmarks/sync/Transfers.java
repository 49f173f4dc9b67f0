package dev.lockstep.benchmarks.sync;

import dev.lockstep.future.Future;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.sync.Mpsc;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The three transfers of {@code n} messages that {@link MpscThroughput} compares; each returns the
 * sum of what was received, which the caller checks.
 */
final class Transfers {
    private Transfers() {}

    /** A: a producer task sends through {@code Mpsc.bounded(capacity)} to the main task of a simulation. */
    static long mpsc(long seed, int n, int capacity, long[] steps) {
        Simulation sim = Simulation.builder().seed(seed).maxSteps(Long.MAX_VALUE).build();
        Mpsc<Integer> ch = Mpsc.bounded(capacity);
        int[] sent = {0};
        Future<Boolean>[] inFlight = newSendSlot();
        JoinHandle<Void> producer = sim.spawn("producer", cx -> {
            while (sent[0] < n) {
                if (inFlight[0] == null) {
                    inFlight[0] = ch.sender().send(sent[0]);
                }
                if (inFlight[0].poll(cx).isPending()) {
                    return Poll.pending();
                }
                inFlight[0] = null;
                sent[0]++;
            }
            ch.sender().close();
            return Poll.ready(null);
        });
        long[] sum = {0};
        long got = sim.blockOn(cx -> {
            while (true) {
                Poll<Optional<Integer>> p = ch.receiver().pollNext(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                if (p.value().isEmpty()) {
                    return producer.poll(cx).map(v -> sum[0]);
                }
                sum[0] += p.value().get();
            }
        });
        steps[0] = sim.step();
        return got;
    }

    @SuppressWarnings("unchecked")
    private static Future<Boolean>[] newSendSlot() {
        return (Future<Boolean>[]) new Future<?>[1];
    }

    /** B: the same two tasks over the hand-written {@link OneSlotChannel}. */
    static long oneSlot(long seed, int n, long[] steps) {
        Simulation sim = Simulation.builder().seed(seed).maxSteps(Long.MAX_VALUE).build();
        OneSlotChannel<Integer> ch = new OneSlotChannel<>();
        int[] sent = {0};
        JoinHandle<Void> producer = sim.spawn("producer", cx -> {
            while (sent[0] < n) {
                if (ch.pollSend(cx, sent[0]).isPending()) {
                    return Poll.pending();
                }
                sent[0]++;
            }
            ch.close();
            return Poll.ready(null);
        });
        long[] sum = {0};
        long got = sim.blockOn(cx -> {
            while (true) {
                Poll<Integer> p = ch.pollRecv(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                if (p.value() == null) {
                    return producer.poll(cx).map(v -> sum[0]);
                }
                sum[0] += p.value();
            }
        });
        steps[0] = sim.step();
        return got;
    }

    /**
     * C: a producer thread puts into an {@code ArrayBlockingQueue(capacity)}, the calling thread
     * takes; returns the sum and adds the producer thread's CPU time to {@code producerCpu[0]}.
     */
    static long blockingQueue(int n, int capacity, long[] producerCpu) throws InterruptedException {
        ArrayBlockingQueue<Integer> q = new ArrayBlockingQueue<>(capacity);
        Thread producer = new Thread(() -> {
            long start = CpuTime.current();
            try {
                for (int i = 0; i < n; i++) {
                    q.put(i);
                }
                q.put(-1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            producerCpu[0] += CpuTime.current() - start;
        }, "abq-producer");
        producer.start();
        long sum = 0;
        for (int v = q.take(); v >= 0; v = q.take()) {
            sum += v;
        }
        producer.join();
        return sum;
    }
}
