package dev.lockstep.examples.lostwakeup;

import dev.lockstep.examples.Scenario;
import dev.lockstep.examples.Variant;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.time.Sleep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Two workers drain a {@link WorkQueue} that a producer fills with a few jobs, pausing a random
 * few milliseconds between them, then closes. Property: every job is processed and both workers
 * finish. The buggy queue loses a worker's wakeup when both wait at once.
 */
public final class LostWakeupScenario implements Scenario {
    private static final int JOBS = 3;

    @Override
    public String name() {
        return "lost-wakeup";
    }

    @Override
    public String summary() {
        return "a hand-written work queue whose waiting workers share one waker slot (lost wakeup)";
    }

    @Override
    public int budget() {
        return 200;
    }

    @Override
    public void run(Simulation sim, Variant variant) {
        WorkQueue<Integer> queue = new WorkQueue<>(variant == Variant.BUGGY);
        List<Integer> done = new ArrayList<>();
        sim.spawn("producer", new Producer(queue, sim));
        List<JoinHandle<Integer>> workers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            workers.add(sim.spawn("worker-" + w, new Worker(queue, done)));
        }
        List<Integer> counts = sim.blockOn(Futures.joinAll(workers));
        if (done.size() != JOBS) {
            throw new AssertionError("expected " + JOBS + " jobs processed, got " + done + " (per worker " + counts + ")");
        }
    }

    /** Takes jobs until the queue is closed; completes with how many it processed. */
    private static final class Worker implements Future<Integer> {
        private final WorkQueue<Integer> queue;
        private final List<Integer> done;
        private Future<Optional<Integer>> next;
        private int processed;

        Worker(WorkQueue<Integer> queue, List<Integer> done) {
            this.queue = queue;
            this.done = done;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            while (true) {
                if (next == null) {
                    next = queue.recv();
                }
                Poll<Optional<Integer>> p = next.poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                next = null;
                if (p.value().isEmpty()) {
                    return Poll.ready(processed);
                }
                done.add(p.value().get());
                processed++;
            }
        }
    }

    /** Sends the jobs with a pause of 0 to 3 ms (drawn from the run's choices) before each, then closes. */
    private static final class Producer implements Future<Void> {
        private final WorkQueue<Integer> queue;
        private final Simulation sim;
        private Sleep pause;
        private int sent;

        Producer(WorkQueue<Integer> queue, Simulation sim) {
            this.queue = queue;
            this.sim = sim;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            while (sent < JOBS) {
                if (pause == null) {
                    pause = Sleep.of(Duration.ofMillis(sim.choices().between(0, 3)));
                }
                if (pause.poll(cx).isPending()) {
                    return Poll.pending();
                }
                pause = null;
                queue.send(sent++);
            }
            queue.close();
            return Poll.ready(null);
        }
    }
}
