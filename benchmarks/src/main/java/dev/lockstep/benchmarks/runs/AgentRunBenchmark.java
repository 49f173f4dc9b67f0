package dev.lockstep.benchmarks.runs;

import dev.lockstep.agent.LockstepAgent;
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
 * Row 6: the whole runs of row 3 ({@link PingPong}, nothing escapes) per second, in a JVM with the
 * agent self-attached and in one without it. Each benchmark method runs in a fork of its own, so
 * the {@link #withoutAgent} fork never loads the agent; the two forks run one after the other in
 * the same run of the set. Target: within 10 % (a ratio of at least 0.9).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(AgentRunBenchmark.BATCH)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class AgentRunBenchmark {
    /** Runs per invocation. */
    static final int BATCH = 2_000;

    private long nextSeed;

    /** The agent, attached once in the fork that takes this state. */
    @State(Scope.Benchmark)
    public static class Attached {
        /** Attaches the agent to this fork's JVM. */
        @Setup(Level.Trial)
        public void attach() {
            String how = LockstepAgent.attach();
            if (!LockstepAgent.isAttached()) {
                throw new IllegalStateException("the agent did not attach: " + how);
            }
        }
    }

    /** The batch in a JVM with the agent attached. */
    @Benchmark
    public long withAgent(Attached agent) {
        return batch();
    }

    /** The same batch in a JVM without it. */
    @Benchmark
    public long withoutAgent() {
        return batch();
    }

    private long batch() {
        long first = nextSeed;
        nextSeed += BATCH;
        long mixed = 0;
        for (int i = 0; i < BATCH; i++) {
            mixed ^= PingPong.run(first + i).traceHash();
        }
        return mixed;
    }
}
