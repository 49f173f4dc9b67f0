package dev.lockstep.benchmarks.sync;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** The calling thread's CPU time (user and system), from {@link ThreadMXBean}. */
final class CpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTime() {}

    /** Nanoseconds of CPU the calling thread has used. */
    static long current() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** Fails clearly when the JVM cannot measure thread CPU time. */
    static void require() {
        if (!THREADS.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM does not measure thread CPU time (ThreadMXBean)");
        }
        THREADS.setThreadCpuTimeEnabled(true);
    }
}
