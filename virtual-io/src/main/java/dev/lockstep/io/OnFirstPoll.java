package dev.lockstep.io;

import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Unpin;
import java.util.function.Function;

/**
 * A future that does its work in its first poll, where the runtime (and so the reactor) is
 * known: how {@code bind} finds its backend. Binding never waits.
 */
final class OnFirstPoll<T> implements Future<T>, Unpin {
    private final String what;
    private Function<Context, T> work;

    OnFirstPoll(String what, Function<Context, T> work) {
        this.what = what;
        this.work = work;
    }

    @Override
    public Poll<T> poll(Context cx) {
        Function<Context, T> w = work;
        if (w == null) {
            throw new IllegalStateException(what + " polled after it completed");
        }
        work = null;
        return Poll.ready(w.apply(cx));
    }

    @Override
    public String toString() {
        return what;
    }
}
