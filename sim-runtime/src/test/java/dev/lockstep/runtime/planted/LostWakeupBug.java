package dev.lockstep.runtime.planted;

import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import dev.lockstep.runtime.DeadlockException;
import dev.lockstep.runtime.Simulation;
import java.util.ArrayDeque;

/**
 * A hand-written single-consumer mailbox whose receive registers the waker only the first time it
 * waits: the second wait is never woken. Shows only when the consumer waits twice, that is when it
 * outruns the producer; the fixed twin registers on every wait.
 */
public final class LostWakeupBug implements PlantedBug {

    static final class Mailbox<T> {
        private final ArrayDeque<T> items = new ArrayDeque<>();
        private final boolean fixed;
        private Waker receiver;
        /** The bug: set on the first wait and never reset. */
        private boolean registered;

        Mailbox(boolean fixed) {
            this.fixed = fixed;
        }

        void send(T item) {
            items.add(item);
            Waker w = receiver;
            receiver = null;
            if (w != null) {
                w.wake();
            }
        }

        Future<T> recv() {
            return cx -> {
                T item = items.poll();
                if (item != null) {
                    return Poll.ready(item);
                }
                if (fixed || !registered) {
                    receiver = cx.waker();
                    registered = true;
                }
                return Poll.pending();
            };
        }
    }

    @Override
    public String name() {
        return "lost wakeup";
    }

    @Override
    public void run(Simulation sim, boolean fixed) {
        Mailbox<String> box = new Mailbox<>(fixed);
        JoinHandle<String> consumer = sim.spawn("consumer", box.recv()
                .then(a -> Futures.yieldNow().then(v -> Futures.yieldNow()).then(v -> box.recv().map(b -> a + b))));
        sim.spawn("producer", Futures.lazy(() -> {
            box.send("a");
            return 0;
        }).then(v -> Futures.yieldNow()).then(v -> Futures.lazy(() -> {
            box.send("b");
            return 0;
        })));
        String got = sim.blockOn(consumer);
        if (!got.equals("ab")) {
            throw new AssertionError("consumer received '" + got + "', expected 'ab'");
        }
    }

    @Override
    public FaultPlan plan() {
        return FaultPlan.only(FaultKind.DELAY_WAKE, 0.5);
    }

    @Override
    public boolean shows(Throwable failure) {
        return failure instanceof DeadlockException d && d.hasLostWakeup();
    }
}
