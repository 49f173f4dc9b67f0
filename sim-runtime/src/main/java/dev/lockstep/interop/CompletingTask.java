package dev.lockstep.interop;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;
import java.util.concurrent.CompletableFuture;

/**
 * The task behind {@link Interop#toCompletableFuture}: polls a future and completes a
 * {@code CompletableFuture} with its outcome.
 *
 * <h2>Returns</h2>
 * {@code Ready(null)} once the inner future completed or threw: the outcome goes to the
 * {@code CompletableFuture} (a throw completes it exceptionally), never to the task, so the task
 * itself never fails. The {@code CompletableFuture}'s non-async dependents run in that poll.
 *
 * <h2>Cancellation</h2>
 * Aborting the task (because the {@code CompletableFuture} was cancelled or completed by someone
 * else, a host crash, or the simulation's shutdown) cancels the inner future and cancels the
 * {@code CompletableFuture} if it is still pending.
 */
final class CompletingTask<T> implements Future<Void>, Cancellable {
    private Future<T> inner;
    private final CompletableFuture<T> target;
    /** Whether this task completed the target itself (so its completion needs no abort). */
    private boolean completedByTask;

    CompletingTask(Future<T> inner, CompletableFuture<T> target) {
        this.inner = inner;
        this.target = target;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        if (inner == null) {
            return Poll.ready(null);
        }
        Poll<T> p;
        try {
            p = inner.poll(cx);
        } catch (RuntimeException | Error e) {
            inner = null;
            completedByTask = true;
            target.completeExceptionally(e);
            return Poll.ready(null);
        }
        if (p instanceof Poll.Ready<T> ready) {
            inner = null;
            completedByTask = true;
            target.complete(ready.value());
            return Poll.ready(null);
        }
        return Poll.pending();
    }

    boolean completedByTask() {
        return completedByTask;
    }

    @Override
    public void cancel() {
        Future<T> f = inner;
        inner = null;
        Futures.cancel(f);
        target.cancel(false);
    }

    @Override
    public String toString() {
        return "CompletingTask[" + (inner != null ? inner : "done") + "]";
    }
}
