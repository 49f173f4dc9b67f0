package dev.lockstep.contract.offenders;

import dev.lockstep.contract.FutureContract;
import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import dev.lockstep.time.Sleep;
import java.time.Duration;

/**
 * A one-shot latch that one task opens and another awaits.
 *
 * <p>The bug (STALE_WAKER): {@code await} keeps the first waker it sees and never replaces it. On
 * an executor whose wakers never change that works; when a later poll brings a new waker, opening
 * the latch wakes the old one and the waiting task hangs. The fixed twin replaces the stored waker
 * unless it {@code willWake} the new one.
 */
public final class Latch {
    private final boolean fixed;
    private boolean open;
    private Waker waiter;

    Latch(boolean fixed) {
        this.fixed = fixed;
    }

    /** The check: an opener opens the latch after 5 ms; {@code await} completes with {@code true}. */
    public static FutureContract<Boolean> contract(boolean fixed) {
        return FutureContract.of(sim -> {
            Latch latch = new Latch(fixed);
            sim.spawn("opener", Sleep.of(Duration.ofMillis(5)).map(v -> latch.open()));
            return latch.await();
        }).name("await").expect(true);
    }

    /** Opens the latch and wakes the waiter. */
    boolean open() {
        open = true;
        Waker w = waiter;
        waiter = null;
        if (w != null) {
            w.wake();
        }
        return true;
    }

    /** A future that completes with {@code true} once the latch is open. */
    Future<Boolean> await() {
        return new Await();
    }

    private final class Await implements Future<Boolean>, Cancellable {
        @Override
        public Poll<Boolean> poll(Context cx) {
            if (open) {
                return Poll.ready(true);
            }
            if (waiter == null || (fixed && !waiter.willWake(cx.waker()))) {
                waiter = cx.waker();
            }
            return Poll.pending();
        }

        @Override
        public void cancel() {
            waiter = null;
        }
    }
}
