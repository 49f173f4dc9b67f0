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
 * Row 5b: virtual seconds per wall second of the {@value Heartbeats#HOSTS}-host heartbeat
 * scenario ({@link Heartbeats}). One invocation is a fresh simulation, with its own seed, run for
 * {@value #SECONDS} virtual seconds, counted as that many operations, so the score is virtual
 * seconds per wall second. Target: one virtual hour in under 5 s, that is at least 720.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(HeartbeatBenchmark.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class HeartbeatBenchmark {
    /** Virtual seconds per invocation: ten minutes. */
    static final int SECONDS = 600;

    private long nextSeed = 1;

    /** Ten virtual minutes of the scenario. */
    @Benchmark
    public long hundredHosts() {
        return Heartbeats.run(nextSeed++, SECONDS);
    }
}
