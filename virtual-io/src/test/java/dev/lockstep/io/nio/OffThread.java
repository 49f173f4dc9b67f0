package dev.lockstep.io.nio;

import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A future of a blocking call (waiting for a child process, reading its output) made on a platform
 * thread of its own, so the {@link RealRuntime} polling it keeps running. The call starts at the
 * first poll; its end wakes the latest waker from that thread (a real runtime's wakers may be used
 * from any thread).
 *
 * <h2>Returns</h2>
 * The call's value; its exception is rethrown (a checked one wrapped in a
 * {@link RuntimeException}) by the poll that finds it done.
 */
final class OffThread<T> implements Future<T> {
    private final String name;
    private final Callable<T> call;
    private final AtomicReference<Waker> waker = new AtomicReference<>();
    private Thread thread;
    private volatile boolean done;
    private volatile T value;
    private volatile Exception failure;

    private OffThread(String name, Callable<T> call) {
        this.name = name;
        this.call = call;
    }

    /** {@code call()} on a daemon thread named {@code name}, started at the first poll. */
    static <T> Future<T> of(String name, Callable<T> call) {
        return new OffThread<>(name, call);
    }

    @Override
    public Poll<T> poll(Context cx) {
        waker.set(cx.waker());
        if (thread == null) {
            thread = new Thread(this::run, name);
            thread.setDaemon(true);
            thread.start();
        }
        if (!done) {
            return Poll.pending();
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure != null) {
            throw new RuntimeException(name + ": " + failure, failure);
        }
        return Poll.ready(value);
    }

    private void run() {
        try {
            value = call.call();
        } catch (Exception e) {
            failure = e;
        }
        done = true;
        waker.get().wakeByRef();
    }
}
