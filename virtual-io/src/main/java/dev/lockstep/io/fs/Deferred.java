package dev.lockstep.io.fs;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import java.util.function.Function;

/**
 * A future built at its first poll from the polling context (to find the runtime's
 * {@link FileSystem}), then polled through. Cancelling it cancels what was built.
 */
final class Deferred<T> implements Future<T>, Cancellable {
    private final String what;
    private Function<Context, Future<T>> build;
    private Future<T> inner;
    private boolean done;

    Deferred(String what, Function<Context, Future<T>> build) {
        this.what = what;
        this.build = build;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (done) {
            throw new IllegalStateException(what + " polled after it completed or was cancelled ("
                    + cx.runtime().describe() + ")");
        }
        if (inner == null) {
            inner = build.apply(cx);
            build = null;
        }
        Poll<T> p;
        try {
            p = inner.poll(cx);
        } catch (RuntimeException | Error e) {
            done = true;
            throw e;
        }
        if (p.isReady()) {
            done = true;
        }
        return p;
    }

    @Override
    public void cancel() {
        if (!done && inner instanceof Cancellable c) {
            c.cancel();
        }
        done = true;
    }

    @Override
    public String toString() {
        return what;
    }
}
