package dev.lockstep.internal.exec;

import dev.lockstep.internal.edge.EdgeAgents;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Stops a poll that never returns: the one place the simulation reads real time.
 *
 * <p>While a {@code blockOn} runs with a poll timeout set, a daemon thread samples the
 * simulation's poll counter. If the same poll is still running after the timeout, it prints the
 * task, the step and the stack of the simulation thread to standard error, records the report,
 * and interrupts the thread (which frees polls blocked in interruptible calls). When the poll does
 * return, the simulation fails with a {@code StepLimitException} carrying the report, so a future
 * that blocks or spins inside {@code poll} is named instead of hanging the test silently. The
 * report names the blocking frame (the first frame outside the JDK) and, without
 * {@code dev.lockstep:sim-agent}, says that the agent would report such a call at its call site.
 * A poll that an interrupt does not free (a {@code CompletableFuture.join}, a spin) never returns;
 * {@code Simulation.Builder.onPollTimeout} hands the report to whoever can end the test instead.
 *
 * <h2>Threads</h2>
 * One watchdog thread per running {@code blockOn}, started and stopped with it; only when
 * {@code Simulation.Builder.pollTimeout} is set.
 */
public final class Watchdog implements AutoCloseable {
    private final Thread thread;
    private final Consumer<String> listener;
    /** The thread making the polls; it changes when a {@code blockOn} moves to a virtual driver. */
    private volatile Thread simThread;
    private volatile boolean closed;
    private volatile String report;

    Watchdog(TaskLifecycle tasks, Thread simThread, Duration timeout, PrintStream err, Consumer<String> listener) {
        this.listener = listener;
        this.simThread = simThread;
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
                    Thread polling = this.simThread;
                    report = describe(tasks, polling, timeout);
                    err.println("lockstep watchdog: " + report);
                    polling.interrupt();
                    if (listener != null) {
                        listener.accept(report);
                    }
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
        StackTraceElement[] stack = simThread.getStackTrace();
        StackTraceElement blocking = null;
        for (StackTraceElement e : stack) {
            sb.append("\n    at ").append(e);
            if (blocking == null && !isJdk(e.getClassName())) {
                blocking = e;
            }
        }
        if (blocking != null) {
            sb.append("\n  blocking frame: ").append(blocking);
        }
        if (!EdgeAgents.attached()) {
            sb.append("\n  hint: code that blocks, sleeps or waits on a real thread pool inside a simulation hangs it;"
                    + " add dev.lockstep:sim-agent to the test class path and such a call is virtualized or"
                    + " reported at its call site (docs/outside-world.md)");
        }
        return sb.toString();
    }

    private static boolean isJdk(String cls) {
        return cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.");
    }

    /** Watches the polls of {@code thread} from now on: the one the watchdog reports and interrupts. */
    void watch(Thread thread) {
        simThread = thread;
    }

    /** The report, if the watchdog fired. */
    String report() {
        return report;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        if (report != null && listener != null) {
            listener.accept(null);   // the reported poll returned after all: the run ends as usual
        }
    }
}
