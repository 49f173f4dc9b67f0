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
import dev.lockstep.time.Sleep;
import java.time.Duration;

/**
 * A config watcher that waits for a "loaded" event and a minimum delay together. The event keeps
 * the first waker it sees and never replaces it, which works on an executor whose wakers never
 * change and hangs under one that gives each poll a new waker. The fixed twin replaces the stored
 * waker when {@code !stored.willWake(cx.waker())}.
 */
public final class StaleWakerBug implements PlantedBug {

    static final class Event {
        private final boolean fixed;
        private boolean set;
        private Waker waiter;

        Event(boolean fixed) {
            this.fixed = fixed;
        }

        void set() {
            set = true;
            Waker w = waiter;
            waiter = null;
            if (w != null) {
                w.wake();
            }
        }

        Future<Boolean> await() {
            return cx -> {
                if (set) {
                    return Poll.ready(true);
                }
                if (waiter == null || (fixed && !waiter.willWake(cx.waker()))) {
                    waiter = cx.waker();
                }
                return Poll.pending();
            };
        }
    }

    @Override
    public String name() {
        return "stale waker";
    }

    @Override
    public void run(Simulation sim, boolean fixed) {
        Event loaded = new Event(fixed);
        JoinHandle<Boolean> watcher = sim.spawn("watcher",
                Futures.join(loaded.await(), Sleep.of(Duration.ofMillis(1))).map(both -> true));
        sim.spawn("loader", Sleep.of(Duration.ofMillis(2)).map(v -> {
            loaded.set();
            return v;
        }));
        sim.blockOn(watcher);
    }

    @Override
    public FaultPlan plan() {
        return FaultPlan.only(FaultKind.FRESH_WAKER, 0.5);
    }

    @Override
    public boolean shows(Throwable failure) {
        return failure instanceof DeadlockException d && d.hasStaleWaker();
    }
}
