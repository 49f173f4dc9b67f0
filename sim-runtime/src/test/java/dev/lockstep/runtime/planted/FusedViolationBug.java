package dev.lockstep.runtime.planted;

import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.Context;
import dev.lockstep.future.FusedFuture;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import dev.lockstep.runtime.ContractViolationException;
import dev.lockstep.runtime.Simulation;
import java.util.ArrayDeque;

/**
 * A "next message" future that claims to be fused but checks its queue before its done flag: polled
 * again after {@code Ready} (as a {@code select} loop does) it takes, and loses, a second message.
 * The fixed twin checks the flag first.
 */
public final class FusedViolationBug implements PlantedBug {
    private final PollSite site;

    /** Polled as a task's root future. */
    public FusedViolationBug() {
        this(PollSite.TASK);
    }

    /** Polled from {@code site}. */
    public FusedViolationBug(PollSite site) {
        this.site = site;
    }

    static final class Queue {
        final ArrayDeque<String> items = new ArrayDeque<>();
        Waker waiter;

        void send(String m) {
            items.add(m);
            Waker w = waiter;
            waiter = null;
            if (w != null) {
                w.wake();
            }
        }
    }

    static final class NextMessage implements FusedFuture<String> {
        private final Queue queue;
        private final boolean fixed;
        private boolean done;

        NextMessage(Queue queue, boolean fixed) {
            this.queue = queue;
            this.fixed = fixed;
        }

        @Override
        public Poll<String> poll(Context cx) {
            if (fixed && done) {
                return Poll.pending();
            }
            String m = queue.items.poll();
            if (m != null) {
                done = true;
                return Poll.ready(m);
            }
            if (done) {
                return Poll.pending();
            }
            queue.waiter = cx.waker();
            return Poll.pending();
        }

        @Override
        public boolean isTerminated() {
            return done;
        }
    }

    @Override
    public String name() {
        return "fused violation" + site.label();
    }

    @Override
    public void run(Simulation sim, boolean fixed) {
        Queue queue = new Queue();
        JoinHandle<String> consumer = sim.spawn("consumer", site.wrap(new NextMessage(queue, fixed)));
        sim.spawn("producer", Futures.lazy(() -> {
            queue.send("m1");
            queue.send("m2");
            queue.send("m3");
            return 0;
        }));
        String first = sim.blockOn(consumer);
        if (!first.equals("m1") || queue.items.size() != 2) {
            throw new AssertionError("took " + first + ", left " + queue.items + " (a message was lost)");
        }
    }

    @Override
    public FaultPlan plan() {
        return FaultPlan.only(FaultKind.POLL_AFTER_READY, 0.5);
    }

    @Override
    public boolean shows(Throwable failure) {
        return failure instanceof ContractViolationException c && c.kind() == ContractViolationException.Kind.NOT_FUSED;
    }
}
