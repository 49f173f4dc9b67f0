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
 * A one-slot hand-off whose {@code take} waits for the slot to fill.
 *
 * <p>The bug (SPURIOUS_WAKEUP_INTOLERANT, not a panic): a condition wait written with {@code if}
 * where a {@code while} belongs. Once woken, {@code take} trusts the wake and reads the slot; polled
 * without a wake it finds the slot empty and throws. The fixed twin re-checks the slot on every poll.
 */
public final class ConditionWait {
    private final boolean fixed;
    private String slot;
    private Waker taker;

    ConditionWait(boolean fixed) {
        this.fixed = fixed;
    }

    /** The check: a putter fills the slot after 1 ms; {@code take} gets its value. */
    public static FutureContract<String> contract(boolean fixed) {
        return FutureContract.of(sim -> {
            ConditionWait c = new ConditionWait(fixed);
            sim.spawn("putter", Sleep.of(Duration.ofMillis(1)).map(v -> c.put("x")));
            return c.take();
        }).name("take").expect("x");
    }

    boolean put(String value) {
        slot = value;
        Waker w = taker;
        taker = null;
        if (w != null) {
            w.wake();
        }
        return true;
    }

    Future<String> take() {
        return new Take();
    }

    private final class Take implements Future<String>, Cancellable {
        private boolean waited;

        @Override
        public Poll<String> poll(Context cx) {
            if (slot == null && (fixed || !waited)) {
                waited = true;
                taker = cx.waker();
                return Poll.pending();
            }
            // The bug: "if (slot == null) wait" ran once; being polled again is taken as the signal.
            if (slot == null) {
                throw new IllegalStateException("take was woken but the slot is empty");
            }
            String v = slot;
            slot = null;
            return Poll.ready(v);
        }

        @Override
        public void cancel() {
            taker = null;
        }
    }
}
