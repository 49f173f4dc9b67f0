package dev.lockstep.benchmarks.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Row 3: whole simulated runs of {@link PingPong} per second, a batch of {@value #BATCH} runs
 * (each with its own seed) on the benchmark thread, and the same batch spread over a fixed pool of
 * one thread per core, each thread running whole simulations (simulations share nothing).
 * Targets: 50,000 runs/s on one core; 1.7× that with 2 cores.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(WholeRunBenchmark.BATCH)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class WholeRunBenchmark {
    /** Runs per invocation. */
    static final int BATCH = 2_000;

    private final int cores = Runtime.getRuntime().availableProcessors();
    private ExecutorService pool;
    private long nextSeed;

    /** Starts one thread per core. */
    @Setup(Level.Trial)
    public void startPool() {
        pool = Executors.newFixedThreadPool(cores);
    }

    /** Stops them. */
    @TearDown(Level.Trial)
    public void stopPool() {
        pool.shutdownNow();
    }

    /** The batch on the benchmark thread. */
    @Benchmark
    public long oneThread() {
        long first = nextSeed;
        nextSeed += BATCH;
        return runs(first, BATCH);
    }

    /** The batch split evenly over one pool thread per core. */
    @Benchmark
    public long allCores() throws InterruptedException, ExecutionException {
        List<Future<Long>> parts = new ArrayList<>(cores);
        for (int c = 0; c < cores; c++) {
            int count = BATCH / cores + (c < BATCH % cores ? 1 : 0);
            long first = nextSeed;
            nextSeed += count;
            parts.add(pool.submit(() -> runs(first, count)));
        }
        long mixed = 0;
        for (Future<Long> p : parts) {
            mixed ^= p.get();
        }
        return mixed;
    }

    private static long runs(long firstSeed, int count) {
        long mixed = 0;
        for (int i = 0; i < count; i++) {
            mixed ^= PingPong.run(firstSeed + i).traceHash();
        }
        return mixed;
    }
}
