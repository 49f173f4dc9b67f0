package dev.lockstep.benchmarks.sidebyside;

import java.util.ArrayList;
import java.util.List;

/** Threads that spin on a core each until closed: load for the rows measured on a busy machine. */
final class CpuHogs implements AutoCloseable {
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stop;
    private volatile long sink;

    static CpuHogs start(int count) {
        CpuHogs hogs = new CpuHogs();
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(hogs::spin, "cpu-hog-" + i);
            t.setDaemon(true);
            hogs.threads.add(t);
            t.start();
        }
        return hogs;
    }

    private void spin() {
        long x = 1;
        while (!stop) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        sink = x;
    }

    @Override
    public void close() {
        stop = true;
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
