package dev.lockstep.benchmarks.sidebyside;

import dev.lockstep.benchmarks.agent.AgentSides;
import dev.lockstep.benchmarks.agent.AgentWorkload;
import dev.lockstep.benchmarks.agent.AttachCost;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The sim-agent's rows: whole runs of an application scenario whose hot path calls the clock,
 * {@code ThreadLocalRandom} and a completed {@code CompletableFuture}'s {@code join()}, with the
 * agent's rewriting (A) and without it (B), the same bytes loaded twice in this JVM
 * ({@link AgentSides}, which checks that A is rewritten and B is not before anything is timed);
 * and, as lines under the table, the one-time cost of attaching in fresh child JVMs
 * ({@link AttachCost}).
 *
 * <p>Both sides run with the agent installed in this JVM, as every simulation of the report
 * does (the first one self-attaches it); what differs is whether the scenario's call sites are
 * rewritten. Without the agent in the JVM a simulation does the same work per run, but for one
 * uncontended lock when it is built (asking whether the agent is attached): it makes its thread
 * current for rewritten calls whether or not any exist.
 */
final class AgentRows {
    /** Child JVMs per way of attaching. */
    static final int CHILDREN = 5;

    private AgentRows() {}

    static List<Outcome> all(int warmup, int rounds) {
        AgentSides sides = AgentSides.load();
        List<Outcome> out = new ArrayList<>();
        int runs = 4_000;
        out.add(Interleaved.compare("agent: whole run, two-task channel scenario, 6 rewritten calls an item (clock,"
                        + " `ThreadLocalRandom`, `Math.random()`, a done stage's `join()`; ~144 a run), rewriting on (B: off)",
                "rewritten", runs(sides.rewritten(), runs), "same bytes, not rewritten", runs(sides.untouched(), runs),
                warmup, rounds));
        out.add(Interleaved.compare("agent: same without the clock reads, 3 rewritten calls an item (~72 a run),"
                        + " rewriting on (B: off)", "rewritten", runs(sides.rewritten().variant(false, 24), runs),
                "same bytes, not rewritten", runs(sides.untouched().variant(false, 24), runs), warmup, rounds));
        int longRuns = 500;
        out.add(Interleaved.compare("agent: same without the clock reads, 240 items a run (~720 rewritten calls,"
                        + " ~480 polls), rewriting on (B: off)", "rewritten", runs(sides.rewritten().variant(false, 240),
                        longRuns), "same bytes, not rewritten", runs(sides.untouched().variant(false, 240), longRuns),
                warmup, rounds));
        return out;
    }

    /** {@code runs} whole runs of {@code w}, each with its own seed, a fresh range each round. */
    private static Work runs(AgentWorkload w, int runs) {
        long[] next = {0};
        return new Work() {
            @Override
            public Timed prepare() {
                long first = next[0];
                next[0] += runs;
                return () -> {
                    long h = 0;
                    for (int i = 0; i < runs; i++) {
                        h += w.run(first + i).traceHash();
                    }
                    return h;
                };
            }

            @Override
            public long units() {
                return runs;
            }
        };
    }

    /** The attach lines: by default (a helper process attaches) and with {@code -Djdk.attach.allowAttachSelf=true}. */
    static List<String> attachLines() throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        List<String> quiet = List.of("-XX:+EnableDynamicAgentLoading");
        lines.add(AttachCost.measure(CHILDREN, quiet).line(""));
        List<String> self = List.of("-XX:+EnableDynamicAgentLoading", "-Djdk.attach.allowAttachSelf=true");
        lines.add(AttachCost.measure(CHILDREN, self).line("`-Djdk.attach.allowAttachSelf=true`"));
        return lines;
    }
}
