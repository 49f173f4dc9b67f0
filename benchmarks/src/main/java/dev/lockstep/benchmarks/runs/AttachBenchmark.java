package dev.lockstep.benchmarks.runs;

import dev.lockstep.agent.LockstepAgent;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Row 6: the one-time cost of self-attaching the agent: the first {@code LockstepAgent.attach()}
 * of a fresh JVM (Byte Buddy's attach, the module export, the transformer, and the
 * retransformation of the classes already loaded), once per fork over several forks.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(5)
public class AttachBenchmark {
    /** The first attach in this JVM. */
    @Benchmark
    public String firstAttach() {
        return LockstepAgent.attach();
    }
}
