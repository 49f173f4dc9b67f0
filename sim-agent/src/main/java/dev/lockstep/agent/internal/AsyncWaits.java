package dev.lockstep.agent.internal;

import dev.lockstep.future.AsyncScope;
import dev.lockstep.interop.Interop;
import dev.lockstep.internal.edge.CurrentBody;
import dev.lockstep.internal.edge.CurrentRun;
import dev.lockstep.internal.edge.EdgeRun;
import dev.lockstep.runtime.EscapePolicy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The blocking calls that have a faithful equivalent inside an async body, under
 * {@code VIRTUALIZE}: {@code Thread.sleep(d)} becomes {@code a.sleep(d)} (virtual time passes,
 * other tasks run), and {@code join()}/{@code get()} of a {@code CompletableFuture} that is not
 * done becomes {@code a.await(Interop.fromCompletionStage(f))}.
 *
 * <h2>Returns</h2>
 * {@code true} if the wait happened in virtual time; {@code false} if it cannot (no simulation
 * on this thread, another policy, no async body running here, or the body's scope refuses, as
 * from inside a future the body awaits or, on the continuation backend before JDK 24, inside
 * {@code synchronized}), and the caller then reports the call or makes it.
 */
final class AsyncWaits {
    private AsyncWaits() {
    }

    private static AsyncScope body() {
        EdgeRun r = CurrentRun.get();
        return r == null || r.policy() != EscapePolicy.VIRTUALIZE ? null : CurrentBody.get();
    }

    static boolean sleep(int site, Duration d) {
        AsyncScope a = body();
        if (a == null) {
            return false;
        }
        try {
            a.context();    // throws IllegalStateException where the scope may not be used
        } catch (IllegalStateException misuse) {
            return false;
        }
        Sites.virtualizing(site);
        a.sleep(d);
        return true;
    }

    static boolean awaits(int site, CompletableFuture<?> f) {
        AsyncScope a = body();
        if (a == null) {
            return false;
        }
        try {
            a.context();
        } catch (IllegalStateException misuse) {
            return false;
        }
        Sites.virtualizing(site);
        try {
            a.await(Interop.fromCompletionStage(f));
        } catch (RuntimeException failed) {
            if (!f.isDone()) {
                throw failed;
            }
            // f failed: the caller's join() or get() throws as the JDK's does.
        }
        return true;
    }
}
