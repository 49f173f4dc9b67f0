package dev.lockstep.benchmarks.async;

import dev.lockstep.internal.generator.GeneratorFactory;
import dev.lockstep.internal.generator.Generators;
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
 * Row 4: await round trips per second ({@link AwaitRoundTrips}) in an async body on the
 * {@code jdk.internal.vm.Continuation} backend and on the virtual-thread backend, against the
 * same loop as a hand-written poll state machine ({@link YieldLoop}). One invocation is a fresh
 * simulation running {@value #AWAITS} round trips; the score is round trips per second. The issue
 * sets no target.
 *
 * <p>The backend is chosen per simulation by installing its {@link GeneratorFactory}, as
 * {@code AsyncBackendsTest} does, so all three run in forks with the same flags. The fork adds
 * the export that the continuation backend needs. A {@code -jvmArgsAppend} on the command line
 * replaces the class's, so it must repeat that flag; otherwise {@link #backends} fails and says so.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(AwaitBenchmark.AWAITS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED")
public class AwaitBenchmark {
    /** Await round trips per invocation. */
    static final int AWAITS = 10_000;

    private GeneratorFactory continuations;
    private GeneratorFactory threads;

    /** Looks up both backends; fails if this JVM lacks the continuation backend's export. */
    @Setup(Level.Trial)
    public void backends() {
        continuations = Generators.continuations().orElseThrow(() -> new IllegalStateException(
                "row 4 needs the continuation backend, which this JVM does not allow: "
                        + Generators.continuationsUnavailableBecause().orElse("unknown reason")
                        + ". Start the fork with " + Generators.ENABLING_FLAG
                        + " (a -jvmArgsAppend option replaces the one on AwaitBenchmark, so repeat the flag in it)"));
        threads = Generators.threads();
    }

    /** An async body on the {@code jdk.internal.vm.Continuation} backend. */
    @Benchmark
    public long continuation() {
        return AwaitRoundTrips.async(continuations, AWAITS);
    }

    /** An async body on the virtual-thread backend. */
    @Benchmark
    public long thread() {
        return AwaitRoundTrips.async(threads, AWAITS);
    }

    /** The baseline: the hand-written poll state machine. */
    @Benchmark
    public long handWritten() {
        return AwaitRoundTrips.handWritten(AWAITS);
    }
}
