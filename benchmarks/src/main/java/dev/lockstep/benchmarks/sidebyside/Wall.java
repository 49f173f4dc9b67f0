package dev.lockstep.benchmarks.sidebyside;

/**
 * A {@link Work} timed on wall time rather than thread CPU time, for a side whose work runs on
 * threads the harness cannot name (virtual threads on the JDK's carrier pool): its
 * {@link #helperCpuNanos()} reports the wall time, and the timed part's own CPU time is
 * subtracted back out.
 */
final class Wall {
    private Wall() {}

    static Work of(long units, Work.Timed timed) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return new Work() {
            @Override
            public Timed prepare() {
                return timed;
            }

            @Override
            public long units() {
                return units;
            }

            @Override
            public long helperCpuNanos() {
                // wall time minus the caller's CPU time: the harness adds the caller's CPU back
                return System.nanoTime() - threads.getCurrentThreadCpuTime();
            }
        };
    }
}
