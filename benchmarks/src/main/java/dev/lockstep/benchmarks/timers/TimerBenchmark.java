package dev.lockstep.benchmarks.timers;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Row 2: schedule and fire {@value #TIMERS} timers with random deadlines (seeded, drawn once per
 * trial by {@link RandomDeadlines}), in Lockstep ({@link SimTimers}) and in the baselines
 * ({@link PlainTimers}): Reactor's {@code VirtualTimeScheduler} and a plain {@code PriorityQueue}
 * loop (the floor). The score is timers per second. Target: Lockstep at least 2× the
 * {@code VirtualTimeScheduler}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(TimerBenchmark.TIMERS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class TimerBenchmark {
    /** Timers per invocation. */
    static final int TIMERS = 1_000_000;
    /** Tasks in the {@link #lockstepSleepingTasks} variant, each sleeping {@code TIMERS / SLEEPERS} times. */
    static final int SLEEPERS = 1_000;

    private long[] deadlines;
    private long[][] shares;

    /** Draws the deadlines (seed 42). */
    @Setup(Level.Trial)
    public void draw() {
        deadlines = RandomDeadlines.draw(TIMERS, 42);
        shares = RandomDeadlines.split(deadlines, SLEEPERS);
    }

    /** Lockstep: one task, one {@code wakeAt} per deadline, woken and polled as each fires. */
    @Benchmark
    public long lockstepWakeAt() {
        return check(SimTimers.wakeAt(deadlines));
    }

    /** Lockstep: one task, one {@code runAt} action per deadline. */
    @Benchmark
    public long lockstepRunAt() {
        return check(SimTimers.runAt(deadlines));
    }

    /** Lockstep: {@value #SLEEPERS} tasks each sleeping through its share of the deadlines in turn. */
    @Benchmark
    public long lockstepSleepingTasks() {
        return check(SimTimers.sleepingTasks(shares));
    }

    /** Reactor's {@code VirtualTimeScheduler}. */
    @Benchmark
    public long virtualTimeScheduler() {
        return check(PlainTimers.virtualTimeScheduler(deadlines));
    }

    /** The floor: a {@code PriorityQueue} loop. */
    @Benchmark
    public long priorityQueue() {
        return check(PlainTimers.priorityQueue(deadlines));
    }

    private static long check(long fired) {
        if (fired != TIMERS) {
            throw new IllegalStateException(fired + " of " + TIMERS + " timers fired");
        }
        return fired;
    }
}
