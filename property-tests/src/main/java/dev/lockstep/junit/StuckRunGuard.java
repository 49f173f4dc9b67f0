package dev.lockstep.junit;

import dev.lockstep.runtime.Simulation;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/**
 * Ends a {@code @SimTest} whose poll never returns.
 *
 * <h2>How</h2>
 * With a poll timeout, the property runs on a daemon thread of its own while the test's thread
 * waits. Every run's simulation gets the timeout and reports an overrunning poll here
 * ({@code Simulation.Builder.onPollTimeout}); its watchdog also interrupts the poll, which frees
 * an interruptible wait, and the run then fails as usual (the report is withdrawn). If the report
 * still stands one more timeout later (at least two seconds), the poll is stuck for good (a {@code join()}, a spin, an
 * uninterruptible lock): the test fails with the report (task, stack, blocking frame, the hint
 * to add {@code sim-agent}) and the stuck thread is left behind, parked, as a daemon.
 *
 * <h2>Threads</h2>
 * One guard per test method; {@link #watch} is called on the property's threads, the report
 * arrives on a watchdog's thread, {@link #run} on the test's thread.
 */
final class StuckRunGuard {
    private final String where;
    private final Duration pollTimeout;
    private final AtomicReference<String> report = new AtomicReference<>();

    StuckRunGuard(String where, Duration pollTimeout) {
        this.where = where;
        this.pollTimeout = pollTimeout;
    }

    /** Gives a run's builder the poll timeout and this guard as its listener; unchanged without a timeout. */
    Simulation.Builder watch(Simulation.Builder b) {
        return pollTimeout == null ? b : b.pollTimeout(pollTimeout).onPollTimeout(report::set);
    }

    /** Runs {@code check}, on a daemon thread when there is a poll timeout, and returns its result. */
    <T> T run(Supplier<T> check) {
        if (pollTimeout == null) {
            return check.get();
        }
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = Thread.ofPlatform().daemon().name("lockstep-simtest").unstarted(() -> {
            try {
                result.set(check.get());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        worker.start();
        // An interrupted wait needs a moment to unwind and withdraw the report; on a loaded machine
        // that can take longer than a short poll timeout, so the grace is at least two seconds.
        long graceMillis = Math.max(2_000, pollTimeout.toMillis());
        try {
            while (worker.isAlive()) {
                worker.join(50);
                String r = report.get();
                if (r != null && worker.isAlive()) {
                    worker.join(graceMillis);
                    if (worker.isAlive() && report.get() == r) {
                        throw new AssertionFailedError(where + ": a poll did not return after the watchdog's report"
                                + " and an interrupt, so the test was ended and its thread abandoned:\n  " + r);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError(where + ": interrupted while waiting for the property", e);
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new IllegalStateException(e);
        }
        return result.get();
    }
}
