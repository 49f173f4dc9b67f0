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
 * While the condition is false it leaves the poll's waker with the executor's
 * {@link ExecutorWaiters}, which wake every such waker when one of its tasks finishes or it shuts
 * down; a spurious poll re-checks.
 */
final class ConditionFuture implements Future<Boolean> {
    private final ExecutorWaiters waiters;
    private final BooleanSupplier condition;

    ConditionFuture(ExecutorWaiters waiters, BooleanSupplier condition) {
        this.waiters = waiters;
        this.condition = condition;
    }

    @Override
    public Poll<Boolean> poll(Context cx) {
        if (condition.getAsBoolean()) {
            return Poll.ready(true);
        }
        waiters.watch(cx.waker());
        return Poll.pending();
    }

    @Override
    public String toString() {
        return "ConditionFuture[" + condition + "]";
    }
}
