package dev.lockstep.benchmarks.executor;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Row 1: wake→poll hand-offs per second among {@code tasks} tasks that wake each other in a ring
 * ({@link TokenRing}), against the same ring of runnables ({@link RunnableRing}) on a bare
 * {@code ArrayDeque} loop (the floor) and on {@code Executors.newSingleThreadExecutor()}.
 *
 * <p>One invocation is a whole batch of {@value #HAND_OFFS} hand-offs, including building the
 * ring (spawning the tasks, creating the runnables); the score is hand-offs per second.
 * Targets: Lockstep at least half the bare loop, and at least 5× the single-thread executor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(WakePollBenchmark.HAND_OFFS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class WakePollBenchmark {
    /** Hand-offs per invocation. */
    static final int HAND_OFFS = 1_000_000;

    /** How many tasks share the ring. */
    @Param({"1", "100", "10000"})
    public int tasks;

    private ExecutorService singleThread;

    /** Starts the executor baseline's thread once per trial. */
    @Setup(Level.Trial)
    public void startExecutor() {
        singleThread = Executors.newSingleThreadExecutor();
    }

    /** Stops it. */
    @TearDown(Level.Trial)
    public void stopExecutor() {
        singleThread.shutdownNow();
    }

    /** Lockstep: a simulation with {@code tasks} tasks. */
    @Benchmark
    public long lockstep() {
        return TokenRing.run(tasks, HAND_OFFS);
    }

    /** The floor: runnables on a bare {@code ArrayDeque} loop. */
    @Benchmark
    public long arrayDeque() {
        return RunnableRing.onArrayDeque(tasks, HAND_OFFS);
    }

    /** Runnables resubmitting themselves to a single-thread executor. */
    @Benchmark
    public void singleThreadExecutor() throws InterruptedException {
        RunnableRing.onExecutor(singleThread, tasks, HAND_OFFS);
    }
}
