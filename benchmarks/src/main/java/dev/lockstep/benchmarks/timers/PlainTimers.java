package dev.lockstep.benchmarks.timers;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The baselines of the timer row: what a user schedules virtual-time timers with instead of
 * Lockstep. Each schedules one runnable per deadline, fires them all in deadline order, and
 * returns how many ran.
 */
public final class PlainTimers {
    private PlainTimers() {}

    /** Reactor's {@link VirtualTimeScheduler}: one delayed runnable per deadline, then advance. */
    public static long virtualTimeScheduler(long[] deadlines) {
        VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();
        try {
            long[] fired = new long[1];
            Runnable action = () -> fired[0]++;
            for (long d : deadlines) {
                scheduler.schedule(action, d, TimeUnit.NANOSECONDS);
            }
            scheduler.advanceTimeBy(Duration.ofNanos(RandomDeadlines.last(deadlines)));
            return fired[0];
        } finally {
            scheduler.dispose();
        }
    }

    /**
     * The floor: a {@link PriorityQueue} of (deadline, sequence, action) polled in a loop, the
     * clock jumping to each deadline.
     */
    static long priorityQueue(long[] deadlines) {
        PriorityQueue<PlainTimer> queue = new PriorityQueue<>();
        long[] fired = new long[1];
        Runnable action = () -> fired[0]++;
        long seq = 0;
        for (long d : deadlines) {
            queue.add(new PlainTimer(d, seq++, action));
        }
        long now = 0;
        PlainTimer t;
        while ((t = queue.poll()) != null) {
            now = Math.max(now, t.deadline());
            t.action().run();
        }
        return now > 0 ? fired[0] : 0;
    }

    /** A timer of the {@link PriorityQueue} loop; equal deadlines fire in registration order. */
    record PlainTimer(long deadline, long seq, Runnable action) implements Comparable<PlainTimer> {
        @Override
        public int compareTo(PlainTimer o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
