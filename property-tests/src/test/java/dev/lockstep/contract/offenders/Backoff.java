package dev.lockstep.contract.offenders;

import dev.lockstep.contract.FutureContract;
import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.TimerRegistration;

/**
 * A retry back-off written as a leaf future: waits 10 ms, then lets the retry go.
 *
 * <p>The bug (SPURIOUS_WAKEUP_INTOLERANT): the first poll sets a timer and an "armed" flag, and
 * every later poll takes the flag as proof that the timer fired. Polled without a wake, it lets the
 * retry go early. The fixed twin compares the clock with its deadline on every poll.
 */
public final class Backoff implements Future<Void>, Cancellable {
    static final long BACKOFF_NANOS = 10_000_000;
    private final boolean fixed;
    private boolean armed;
    private long deadline;
    private TimerRegistration timer;

    Backoff(boolean fixed) {
        this.fixed = fixed;
    }

    /** The check: the back-off completes (with {@code null}). */
    public static FutureContract<Void> contract(boolean fixed) {
        return FutureContract.of(() -> new Backoff(fixed)).name("backoff").expect(null);
    }

    @Override
    public Poll<Void> poll(Context cx) {
        long now = cx.runtime().nanos();
        if (!armed) {
            armed = true;
            deadline = now + BACKOFF_NANOS;
            timer = cx.runtime().wakeAt(deadline, cx.waker());
            return Poll.pending();
        }
        if (!fixed || now >= deadline) {
            timer.cancel();
            return Poll.ready(null);
        }
        timer.updateWaker(cx.waker());
        return Poll.pending();
    }

    @Override
    public void cancel() {
        if (timer != null) {
            timer.cancel();
        }
    }
}
