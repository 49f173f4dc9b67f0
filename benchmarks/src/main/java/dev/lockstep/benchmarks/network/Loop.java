package dev.lockstep.benchmarks.network;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;
import java.util.function.Supplier;

/**
 * Runs {@code body.get()} to completion again and again while it completes with {@code true}: the
 * loop of the heartbeat scenario, as {@code virtual-io}'s tests write it ({@code Flows.loop}).
 *
 * <h2>Returns</h2>
 * {@code Pending} while an iteration is pending; {@code Ready(null)} after an iteration completed
 * with {@code false}.
 *
 * <h2>Cancellation</h2>
 * Cancelling cancels the iteration in progress.
 */
final class Loop implements Future<Void>, Cancellable {
    private final Supplier<? extends Future<Boolean>> body;
    /** The iteration in progress, or null between two. */
    private Future<Boolean> current;

    private Loop(Supplier<? extends Future<Boolean>> body) {
        this.body = body;
    }

    /** A loop over {@code body}. */
    static Future<Void> loop(Supplier<? extends Future<Boolean>> body) {
        return new Loop(body);
    }

    @Override
    public Poll<Void> poll(Context cx) {
        while (true) {
            if (current == null) {
                current = body.get();
            }
            Poll<Boolean> p = current.poll(cx);
            if (p.isPending()) {
                return Poll.pending();
            }
            current = null;
            if (!p.value()) {
                return Poll.ready(null);
            }
        }
    }

    @Override
    public void cancel() {
        Futures.cancel(current);
        current = null;
    }
}
