package dev.lockstep.runtime;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Stops a poll that never returns: the one place the simulation reads real time.
 *
 * <p>While a {@code blockOn} runs with a poll timeout set, a daemon thread samples the
 * simulation's poll counter. If the same poll is still running after the timeout, it prints the
 * task, the step and the stack of the simulation thread to standard error, records the report,
 * and interrupts the thread (which frees polls blocked in interruptible calls). When the poll does
 * return, the simulation fails with a {@link StepLimitException} carrying the report, so a future
 * that blocks or spins inside {@code poll} is named instead of hanging the test silently.
 *
 * <h2>Threads</h2>
 * One watchdog thread per running {@code blockOn}, started and stopped with it; only when
 * {@code Simulation.Builder.pollTimeout} is set.
 */
final class Watchdog implements AutoCloseable {
    private final Thread thread;
    private volatile boolean closed;
    private volatile String report;

    Watchdog(TaskLifecycle tasks, Thread simThread, Duration timeout, PrintStream err) {
        long limitNanos = timeout.toNanos();
        long sampleMillis = Math.max(1, timeout.toMillis() / 4);
        this.thread = Thread.ofPlatform().daemon().name("lockstep-watchdog").unstarted(() -> {
            long seenSerial = -1;
            long seenSince = System.nanoTime();
            while (!closed) {
                try {
                    Thread.sleep(sampleMillis);
                } catch (InterruptedException e) {
                    return;
                }
                long serial = tasks.pollSerial();
                long now = System.nanoTime();
                if (serial != seenSerial || !tasks.inPoll()) {
                    seenSerial = serial;
                    seenSince = now;
                } else if (now - seenSince >= limitNanos && report == null && !closed) {
                    report = describe(tasks, simThread, timeout);
                    err.println("lockstep watchdog: " + report);
                    simThread.interrupt();
                }
            }
        });
        thread.start();
    }

    private static String describe(TaskLifecycle tasks, Thread simThread, Duration timeout) {
        StringBuilder sb = new StringBuilder();
        sb.append("task ").append(tasks.describeCurrent()).append(" has been inside one poll for more than ")
                .append(timeout).append(" of real time (step ").append(tasks.step())
                .append("): poll must never block or loop; return Pending and arrange a wake instead.")
                .append("\n  stack of the simulation thread '").append(simThread.getName()).append("':");
        for (StackTraceElement e : simThread.getStackTrace()) {
            sb.append("\n    at ").append(e);
        }
        return sb.toString();
    }

    /** The report, if the watchdog fired. */
    String report() {
        return report;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
