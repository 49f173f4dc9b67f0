package dev.lockstep.examples.hunt;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live progress line of a hunt: runs done, runs per second, failures, elapsed wall time.
 *
 * <p>On a terminal it redraws one line; otherwise (CI logs, Maven) it prints a line every few
 * seconds. Wall-clock time is read here only, outside any simulation.
 */
final class Progress {
    private final PrintStream out;
    private final boolean terminal;
    private final long total;
    private final long start = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile long lastPrint = start;

    Progress(PrintStream out, boolean terminal, long total) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
    }

    void runDone(boolean runFailed) {
        done.incrementAndGet();
        if (runFailed) {
            failed.incrementAndGet();
        }
        long now = System.nanoTime();
        long every = terminal ? 100_000_000L : 2_000_000_000L;
        if (now - lastPrint >= every) {
            synchronized (this) {
                if (now - lastPrint >= every) {
                    lastPrint = now;
                    print(false);
                }
            }
        }
    }

    synchronized void finish() {
        print(true);
    }

    double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    long done() {
        return done.get();
    }

    private void print(boolean last) {
        double secs = elapsedSeconds();
        String line = String.format(Locale.ROOT, "runs %d/%d  %.0f runs/s  failures %d  elapsed %.1fs", done.get(),
                total, secs > 0 ? done.get() / secs : 0.0, failed.get(), secs);
        if (terminal) {
            out.print("\r" + line + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }
}
