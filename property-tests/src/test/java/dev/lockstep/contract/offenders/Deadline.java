package dev.lockstep.contract.offenders;

import dev.lockstep.contract.FutureContract;
import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.TimerRegistration;
import java.time.Duration;

/**
 * A leaf future that completes with the clock reading once a deadline, measured from its first
 * poll, has passed: a hand-written sleep.
 *
 * <p>The bug (LEAKED_REGISTRATION): it is not {@link Cancellable}, so when its task is aborted
 * (or it loses a select) its timer stays registered and later wakes a task that no longer waits.
 * The fixed twin ({@link Released}) cancels the timer in {@code cancel()}.
 */
public class Deadline implements Future<Long> {
    private final long after;
    private long deadline = -1;
    TimerRegistration timer;

    Deadline(Duration after) {
        this.after = after.toNanos();
    }

    /** The check: a 20 ms deadline completes at 20 ms of virtual time. */
    public static FutureContract<Long> contract(boolean fixed) {
        Duration d = Duration.ofMillis(20);
        return FutureContract.of(() -> fixed ? new Released(d) : new Deadline(d)).name("deadline")
                // A timer may fire late (timer-slack), never early.
                .expectThat("not before the deadline", t -> t >= d.toNanos());
    }

    @Override
    public Poll<Long> poll(Context cx) {
        long now = cx.runtime().nanos();
        if (deadline < 0) {
            deadline = now + after;
        }
        if (now >= deadline) {
            if (timer != null) {
                timer.cancel();
            }
            return Poll.ready(now);
        }
        if (timer == null) {
            timer = cx.runtime().wakeAt(deadline, cx.waker());
        } else {
            timer.updateWaker(cx.waker());
        }
        return Poll.pending();
    }

    /** The fixed twin: releases its timer when cancelled. */
    static final class Released extends Deadline implements Cancellable {
        Released(Duration after) {
            super(after);
        }

        @Override
        public void cancel() {
            if (timer != null) {
                timer.cancel();
            }
        }
    }
}
