package dev.lockstep.reactor;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import reactor.core.publisher.MonoSink;

/**
 * The simulation task behind {@link ReactorInterop#toMono}: polls a Lockstep future and signals
 * its value ({@code null} completes the mono empty) or its exception to the mono's subscriber.
 * Aborting the task (the subscriber cancelled) cancels the future.
 */
final class MonoTask<T> implements Future<Void>, Cancellable {
    private final Future<T> future;
    private final MonoSink<T> sink;

    MonoTask(Future<T> future, MonoSink<T> sink) {
        this.future = future;
        this.sink = sink;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        Poll<T> p;
        try {
            p = future.poll(cx);
        } catch (RuntimeException e) {
            sink.error(e);
            return Poll.ready(null);
        }
        if (p instanceof Poll.Ready<T> r) {
            if (r.value() == null) {
                sink.success();
            } else {
                sink.success(r.value());
            }
            return Poll.ready(null);
        }
        return Poll.pending();
    }

    @Override
    public void cancel() {
        if (future instanceof Cancellable c) {
            c.cancel();
        }
    }
}
