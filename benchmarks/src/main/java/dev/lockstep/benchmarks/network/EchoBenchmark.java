package dev.lockstep.benchmarks.network;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Row 5a: {@value EchoClient#MESSAGE}-byte echo round trips per second ({@link Echo}) over
 * simulated TCP, against the same client and server over real loopback with {@code RealRuntime}
 * and {@code NioReactor}. One invocation is a fresh simulation, or a fresh runtime with a new
 * connection, doing {@value #ROUND_TRIPS} round trips; the score is round trips per second. The
 * issue's million round trips are reached over the iterations, not in one invocation. The issue
 * sets no target.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(EchoBenchmark.ROUND_TRIPS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class EchoBenchmark {
    /** Round trips per invocation. */
    static final int ROUND_TRIPS = 10_000;

    private long nextSeed;

    /** Simulated TCP between two hosts, default link, each invocation with its own seed. */
    @Benchmark
    public long simulated() {
        return Echo.simulated(nextSeed++, ROUND_TRIPS);
    }

    /** The baseline: real loopback, client and server on one {@code RealRuntime}. */
    @Benchmark
    public long loopback() {
        return Echo.loopback(ROUND_TRIPS);
    }
}
