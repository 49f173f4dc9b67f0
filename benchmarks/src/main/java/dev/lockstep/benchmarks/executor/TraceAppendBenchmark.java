package dev.lockstep.benchmarks.executor;

import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A breakdown of row 1: the trace's share of a hand-off. One operation appends the event a
 * wake→poll hand-off records (one {@code Polled} carrying the wake that caused it) to a trace with
 * the default retention, allocating and hashing it exactly as the executor does. Comparing its
 * rate with {@link WakePollBenchmark#lockstep}'s says how much of a hand-off is the trace.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class TraceAppendBenchmark {
    private final Trace trace = new Trace(10_000);
    private long step;

    /** Appends one hand-off's event. */
    @Benchmark
    public long handOffEvent() {
        long s = step++;
        trace.add(new TraceEvent.Polled(s, 0, 6, "ring-6", false, 5, "task", 1));
        return trace.hash();
    }
}
