package dev.lockstep.agent.testing;

import java.util.concurrent.CountDownLatch;

/**
 * Real threads and real waits for tests that need them inside a simulation: this class is in
 * {@code dev.lockstep}, which the agent never rewrites, so its calls are the JDK's on every thread.
 */
public final class RealThreads {
    private RealThreads() {
    }

    /** Starts a platform thread running {@code body}. */
    public static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.start();
        return t;
    }

    /** Waits for {@code latch}, failing after ten seconds rather than hanging a build. */
    public static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("a latch was not counted down within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for {@code t} to end, failing after ten seconds. */
    public static void join(Thread t) {
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (t.isAlive()) {
            throw new IllegalStateException(t.getName() + " did not end within 10 s");
        }
    }
}
