package dev.lockstep.runtime.planted;

import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.future.TimerRegistration;
import dev.lockstep.runtime.Simulation;

/**
 * A retry backoff written as a leaf future that trusts its wakeups: the first poll sets a timer,
 * and any later poll assumes the timer fired. Polled without a wake, it completes early and the
 * retry goes out too soon. The fixed twin compares the clock with its deadline.
 */
public final class SpuriousWakeupBug implements PlantedBug {
    static final long BACKOFF_NANOS = 10_000_000;

    static final class Backoff implements Future<Void> {
        private final boolean fixed;
        private long deadline = -1;
        private TimerRegistration timer;

        Backoff(boolean fixed) {
            this.fixed = fixed;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            long now = cx.runtime().nanos();
            if (deadline < 0) {
                deadline = now + BACKOFF_NANOS;
                timer = cx.runtime().wakeAt(deadline, cx.waker());
                return Poll.pending();
            }
            if (!fixed || now >= deadline) {
                return Poll.ready(null);
            }
            timer.updateWaker(cx.waker());
            return Poll.pending();
        }
    }

    @Override
    public String name() {
        return "spurious-wakeup intolerance";
    }

    @Override
    public void run(Simulation sim, boolean fixed) {
        JoinHandle<Long> retry = sim.spawn("retry",
                new Backoff(fixed).then(v -> Futures.lazy(() -> sim.handle().nanos())));
        long sentAt = sim.blockOn(retry);
        if (sentAt < BACKOFF_NANOS) {
            throw new AssertionError("retry sent at " + sentAt + "ns, before the backoff of " + BACKOFF_NANOS
                    + "ns ended (woke early)");
        }
    }

    @Override
    public FaultPlan plan() {
        return FaultPlan.only(FaultKind.SPURIOUS_POLL, 0.5);
    }

    @Override
    public boolean shows(Throwable failure) {
        return failure instanceof AssertionError a && a.getMessage().contains("woke early");
    }
}
