package dev.lockstep.async;

import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.time.Sleep;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The {@link AsyncScope} of one {@link AsyncFuture}'s body. Every method checks, through the
 * future, that it is called by that body while it runs; the suspending ones are all
 * {@link #await} of a leaf future.
 */
final class BodyScope implements AsyncScope {
    private final AsyncFuture<?> future;

    BodyScope(AsyncFuture<?> future) {
        this.future = future;
    }

    @Override
    public <T> T await(Future<T> awaited) {
        return future.await(awaited);
    }

    @Override
    public void sleep(Duration duration) {
        Objects.requireNonNull(duration, "a.sleep(duration): duration is null");
        future.await(Sleep.of(duration));
    }

    @Override
    public void yieldNow() {
        future.await(Futures.yieldNow());
    }

    @Override
    public <T> JoinHandle<T> spawn(String name, Future<T> spawned) {
        return future.context("spawn").runtime().spawn(name, spawned);
    }

    @Override
    public Instant now() {
        return future.context("now").runtime().now();
    }

    @Override
    public Context context() {
        return future.context("context");
    }

    @Override
    public RuntimeHandle runtime() {
        return future.context("runtime").runtime();
    }

    @Override
    public String toString() {
        return "AsyncScope[" + future + "]";
    }
}
