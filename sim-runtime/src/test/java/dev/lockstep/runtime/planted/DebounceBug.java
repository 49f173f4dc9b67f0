package dev.lockstep.runtime.planted;

import dev.lockstep.async.Async;
import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.future.TimerRegistration;
import dev.lockstep.future.Waker;
import dev.lockstep.runtime.DeadlockException;
import dev.lockstep.runtime.Simulation;
import java.time.Duration;

/**
 * A debounce future on {@code cx.runtime().runAt}: it completes once {@value #QUIET_MS} ms pass
 * without an event, with the number of events of its window. The bug: it re-checks its deadline
 * only when its own timer woke it, trusting that a timer due now has fired before any poll at
 * that instant. An event polled at the deadline instant, before the timer fired, is taken for the
 * next window: the deadline moves on and no timer is armed for it, so the debounce never
 * completes. The fixed twin re-checks its deadline on every poll.
 *
 * <p>The plain executor always fires due timers before polling, so only {@code defer-timer} (the
 * timer fires after the producer's poll) or {@code timer-slack} (the timer fires late) show it,
 * and only when an event lands exactly on a deadline: gaps are whole milliseconds in
 * {@code [5, 12]}.
 */
public final class DebounceBug implements PlantedBug {
    static final long QUIET_MS = 10;
    static final int ROUNDS = 5;

    /** Where the producer puts events; wakes the debounce's latest waker. */
    static final class Inbox {
        private int events;
        private Waker waiter;

        void push() {
            events++;
            if (waiter != null) {
                waiter.wakeByRef();
            }
        }

        int drain() {
            int n = events;
            events = 0;
            return n;
        }
    }

    static final class Debounce implements Future<Integer> {
        private final Inbox inbox;
        private final boolean fixed;
        private final long quiet = Duration.ofMillis(QUIET_MS).toNanos();
        private long deadline = -1;
        private int count;
        private boolean timerWoke;
        private Waker waker;
        private TimerRegistration timer;

        Debounce(Inbox inbox, boolean fixed) {
            this.inbox = inbox;
            this.fixed = fixed;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            long now = cx.runtime().nanos();
            waker = cx.waker();
            inbox.waiter = cx.waker();
            if (deadline < 0) {
                arm(cx, now + quiet);
            }
            boolean check = fixed || timerWoke;  // the bug: only its own timer's wake re-checks
            timerWoke = false;
            if (check && now >= deadline) {
                inbox.waiter = null;
                return Poll.ready(count);
            }
            int n = inbox.drain();
            if (n > 0) {
                count += n;
                if (now < deadline) {
                    timer.cancel();
                    arm(cx, now + quiet);
                } else {
                    // Believed: the timer fired at the deadline, before this poll, and its wake
                    // completes the window; the event opens the next one.
                    deadline = now + quiet;
                }
            }
            return Poll.pending();
        }

        private void arm(Context cx, long at) {
            deadline = at;
            timer = cx.runtime().runAt(at, () -> {
                timerWoke = true;
                waker.wakeByRef();
            });
        }

        @Override
        public String toString() {
            return "Debounce(deadline " + deadline + ", count " + count + ")";
        }
    }

    @Override
    public String name() {
        return "debounce trusts its timer";
    }

    @Override
    public void run(Simulation sim, boolean fixed) {
        sim.blockOn(Async.async(a -> {
            for (int round = 0; round < ROUNDS; round++) {
                Inbox inbox = new Inbox();
                JoinHandle<Integer> debounce = a.spawn("debounce", new Debounce(inbox, fixed));
                long gap = a.runtime().choices().between(5, 12);
                JoinHandle<Integer> producer = a.spawn("producer", Async.async(p -> {
                    p.sleep(Duration.ofMillis(gap));
                    inbox.push();
                    return 1;
                }));
                a.await(producer);
                a.await(debounce);
            }
            return null;
        }));
    }

    @Override
    public FaultPlan plan() {
        return FaultPlan.only(FaultKind.DEFER_TIMER, 0.5);
    }

    @Override
    public boolean shows(Throwable failure) {
        return failure instanceof DeadlockException d && d.getMessage().contains("debounce");
    }
}
