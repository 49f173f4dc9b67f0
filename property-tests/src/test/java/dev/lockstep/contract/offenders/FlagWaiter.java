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
 * A future that waits until a "ready" flag is raised, for example by a configuration loader.
 *
 * <p>The bug (BUSY_WAKE): while the flag is down it wakes itself and returns {@code Pending}, a
 * spin that keeps its task runnable, so the clock never reaches the loader's timer and the run
 * spins until its step limit. The fixed twin registers its waker with the flag.
 */
public final class FlagWaiter implements Future<String>, Cancellable {
    private final Flag flag;
    private final boolean fixed;

    FlagWaiter(Flag flag, boolean fixed) {
        this.flag = flag;
        this.fixed = fixed;
    }

    /** The check: a loader raises the flag after 5 ms; the waiter completes with "loaded". */
    public static FutureContract<String> contract(boolean fixed) {
        return FutureContract.of(sim -> {
            Flag flag = new Flag();
            sim.spawn("loader", Sleep.of(Duration.ofMillis(5)).map(v -> flag.raise()));
            return new FlagWaiter(flag, fixed);
        }).name("wait-ready").expect("loaded").maxSteps(5_000);
    }

    @Override
    public Poll<String> poll(Context cx) {
        if (flag.raised) {
            return Poll.ready("loaded");
        }
        if (fixed) {
            flag.waiter = cx.waker();
        } else {
            cx.waker().wakeByRef();
        }
        return Poll.pending();
    }

    @Override
    public void cancel() {
        flag.waiter = null;
    }

    /** A flag raised once; wakes the registered waiter. */
    static final class Flag {
        boolean raised;
        Waker waiter;

        boolean raise() {
            raised = true;
            Waker w = waiter;
            waiter = null;
            if (w != null) {
                w.wake();
            }
            return true;
        }
    }
}
