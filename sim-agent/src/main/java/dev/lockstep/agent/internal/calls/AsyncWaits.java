package dev.lockstep.agent.internal.calls;

import dev.lockstep.interop.Interop;
import dev.lockstep.internal.edge.BodyWaits;
import dev.lockstep.internal.edge.CurrentBody;
import dev.lockstep.internal.edge.CurrentRun;
import dev.lockstep.internal.edge.EdgeRun;
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
public final class AsyncWaits {
    private AsyncWaits() {
    }

    private static BodyWaits body() {
        EdgeRun r = CurrentRun.get();
        return r == null || !r.virtualizes() ? null : CurrentBody.get();
    }

    static boolean sleep(int site, Duration d) {
        BodyWaits a = body();
        if (a == null) {
            return false;
        }
        try {
            a.checkUsable();    // throws IllegalStateException where the scope may not be used
        } catch (IllegalStateException misuse) {
            return false;
        }
        Sites.virtualizing(site);
        a.sleep(d);
        return true;
    }

    static boolean awaits(int site, CompletableFuture<?> f) {
        BodyWaits a = body();
        if (a == null) {
            return false;
        }
        try {
            a.checkUsable();
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
