package dev.lockstep.contract.offenders;

import dev.lockstep.contract.FutureContract;
import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.TimerRegistration;
import dev.lockstep.future.Waker;
import dev.lockstep.time.Sleep;
import java.time.Duration;

/**
 * A debounce on {@code cx.runtime().runAt}: completes with the number of events once 10 ms pass
 * without one.
 *
 * <p>The bug (DISARMED_WAKEUP, not a lost wakeup: the waker is stored with the inbox): it re-checks
 * its deadline only when its own timer woke it, trusting that a timer due now has fired before any
 * poll. An event polled at the deadline instant before the timer fired (the {@code defer-timer}
 * fault) moves the deadline on without arming a timer, and nothing ends the wait. The fixed twin
 * re-checks the deadline on every poll.
 */
public final class Debounce implements Future<Integer>, Cancellable {
    static final long QUIET_NANOS = 10_000_000;
    private final boolean fixed;
    private final int[] inbox;
    private final Waker[] waiter;
    private long deadline = -1;
    private int count;
    private boolean timerWoke;
    private Waker waker;
    private TimerRegistration timer;

    Debounce(boolean fixed, int[] inbox, Waker[] waiter) {
        this.fixed = fixed;
        this.inbox = inbox;
        this.waiter = waiter;
    }

    /** The check: an event arrives exactly 10 ms after the start; the debounce completes with 0 or 1. */
    public static FutureContract<Integer> contract(boolean fixed) {
        return FutureContract.of(sim -> {
            int[] inbox = {0};
            Waker[] waiter = {null};
            sim.spawn("producer", Sleep.of(Duration.ofNanos(QUIET_NANOS)).map(v -> {
                inbox[0]++;
                if (waiter[0] != null) {
                    waiter[0].wakeByRef();
                }
                return 0;
            }));
            return new Debounce(fixed, inbox, waiter);
        }).name("debounce").expectThat("0 or 1 events", n -> n == 0 || n == 1)
                .faults(FaultPlan.none(), FaultPlan.only(FaultKind.DEFER_TIMER, 0.5));
    }

    @Override
    public Poll<Integer> poll(Context cx) {
        long now = cx.runtime().nanos();
        waker = cx.waker();
        waiter[0] = cx.waker();
        if (deadline < 0) {
            arm(cx, now + QUIET_NANOS);
        }
        boolean check = fixed || timerWoke;
        timerWoke = false;
        if (check && now >= deadline) {
            timer.cancel();
            waiter[0] = null;
            return Poll.ready(count);
        }
        int n = inbox[0];
        inbox[0] = 0;
        if (n > 0) {
            count += n;
            if (now < deadline) {
                timer.cancel();
                arm(cx, now + QUIET_NANOS);
            } else {
                deadline = now + QUIET_NANOS; // believed: the timer fired and its wake completes the window
            }
        }
        return Poll.pending();
    }

    @Override
    public void cancel() {
        if (timer != null) {
            timer.cancel();
        }
        waiter[0] = null;
    }

    private void arm(Context cx, long at) {
        deadline = at;
        timer = cx.runtime().runAt(at, () -> {
            timerWoke = true;
            waker.wakeByRef();
        });
    }
}
