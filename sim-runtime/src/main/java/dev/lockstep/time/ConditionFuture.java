package dev.lockstep.time;

import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import java.util.function.BooleanSupplier;

/**
 * A leaf future that completes with {@code true} once a condition on a
 * {@link VirtualScheduledExecutor} holds: a task done, the executor terminated.
 *
 * <h2>Waker</h2>
 * While the condition is false it leaves the poll's waker with the executor, which wakes every
 * such waker when one of its tasks finishes or it shuts down; a spurious poll re-checks.
 */
final class ConditionFuture implements Future<Boolean> {
    private final VirtualScheduledExecutor executor;
    private final BooleanSupplier condition;

    ConditionFuture(VirtualScheduledExecutor executor, BooleanSupplier condition) {
        this.executor = executor;
        this.condition = condition;
    }

    @Override
    public Poll<Boolean> poll(Context cx) {
        if (condition.getAsBoolean()) {
            return Poll.ready(true);
        }
        executor.watch(cx.waker());
        return Poll.pending();
    }

    @Override
    public String toString() {
        return "ConditionFuture[" + executor + "]";
    }
}
