package dev.lockstep.benchmarks.async;

import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;

/**
 * The baseline of the async/await row: the loop {@code for (n < awaits) await(yieldNow())} written
 * by hand as a poll state machine, the way a leaf future or combinator is written without a
 * generator. Its state is the count and the {@code yieldNow} future in progress.
 *
 * <h2>Returns</h2>
 * {@code Pending} each time the {@code yieldNow} in progress is pending (it has woken this task);
 * {@code Ready(awaits)} once the last one completed.
 *
 * <h2>Waker</h2>
 * Stores none: each {@code yieldNow} wakes the polling task itself.
 */
final class YieldLoop implements Future<Integer> {
    private final int awaits;
    private int done;
    /** The {@code yieldNow} being awaited; null between two of them. */
    private Future<Void> current;

    YieldLoop(int awaits) {
        this.awaits = awaits;
    }

    @Override
    public Poll<Integer> poll(Context cx) {
        while (done < awaits) {
            if (current == null) {
                current = Futures.yieldNow();
            }
            if (current.poll(cx).isPending()) {
                return Poll.pending();
            }
            current = null;
            done++;
        }
        return Poll.ready(done);
    }
}
