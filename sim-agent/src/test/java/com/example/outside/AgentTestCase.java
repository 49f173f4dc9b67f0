package com.example.outside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.agent.LockstepAgent;
import dev.lockstep.runtime.EscapeException;
import dev.lockstep.runtime.Simulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;

/**
 * What every case of the suite shares: the agent attached the way this execution says
 * ({@code lockstep.agentTest.attach}), and {@link #repeat}, which runs a scenario over many seeds,
 * twice each, and checks that each seed gives the same result and trace hash both times and in
 * the other execution's JVM.
 */
abstract class AgentTestCase {
    /** Seeds per case. */
    static final int SEEDS = 200;

    @BeforeAll
    static void attachAgent() {
        String how = LockstepAgent.attach();
        String expected = System.getProperty("lockstep.agentTest.attach");
        if (expected != null) {
            assertEquals(expected, how, "how the agent is attached in this execution");
        }
        assertTrue(LockstepAgent.isAttached(), how);
        if (!printed) {
            printed = true;
            System.out.printf("sim-agent %s: installed in %.1f ms, %d loaded classes rewritten, %d call sites so far%n",
                    how, dev.lockstep.agent.internal.Installer.installNanos() / 1e6,
                    dev.lockstep.agent.internal.Installer.retransformedClasses(),
                    dev.lockstep.agent.internal.calls.CallSites.count());
        }
    }

    private static boolean printed;

    /**
     * Runs {@code scenario} on seeds {@code 0..seeds-1}, each twice, and returns the results in seed
     * order; fails if a seed's two runs differ in result or trace hash, or differ from the hashes
     * the other execution (self-attach or -javaagent) recorded for {@code name}.
     */
    static <T> List<T> repeat(String name, int seeds, UnaryOperator<Simulation.Builder> config,
            Function<Simulation, T> scenario) {
        List<T> results = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (long seed = 0; seed < seeds; seed++) {
            Simulation first = config.apply(Simulation.builder().seed(seed)).build();
            T a = scenario.apply(first);
            Simulation second = config.apply(Simulation.builder().seed(seed)).build();
            T b = scenario.apply(second);
            assertEquals(a, b, name + ", seed " + seed + ": the same seed gave another result");
            assertEquals(first.traceHash(), second.traceHash(), name + ", seed " + seed + ": the same seed gave"
                    + " another trace (" + first.replayString() + ")");
            results.add(a);
            lines.add(seed + " " + Long.toHexString(first.traceHash()));
        }
        recordAndCompare(name, lines);
        return results;
    }

    static <T> List<T> repeat(String name, Function<Simulation, T> scenario) {
        return repeat(name, SEEDS, b -> b, scenario);
    }

    /** Asserts that {@code e} names {@code libraryClass} as the caller, with a file and line. */
    static EscapeException assertNamesCaller(EscapeException e, String libraryClass, String call) {
        assertNotNull(e);
        assertTrue(e.site().startsWith(libraryClass + "."), "site " + e.site() + " is not in " + libraryClass);
        assertTrue(e.site().matches(".*\\(\\w+\\.(java|kt):\\d+\\)"), "site has a file and line: " + e.site());
        assertTrue(e.call().contains(call), "call " + e.call() + " is not " + call);
        assertTrue(e.getMessage().contains("fix:"), e.getMessage());
        assertTrue(e.getMessage().contains("replay: lockstep:"), e.getMessage());
        return e;
    }

    private static void recordAndCompare(String name, List<String> lines) {
        String mode = System.getProperty("lockstep.agentTest.attach", "unknown");
        Path dir = Path.of("target", "escape-hashes");
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + "." + mode + ".txt"), lines);
            // The self-attached execution runs first in a build and the -javaagent one compares with
            // it; a -javaagent file left by an earlier build is stale, so the first one removes it.
            String other = mode.equals("-javaagent") ? "self-attached" : "-javaagent";
            Path theirs = dir.resolve(name + "." + other + ".txt");
            if (!mode.equals("-javaagent")) {
                Files.deleteIfExists(theirs);
            } else if (Files.exists(theirs)) {
                assertEquals(Files.readAllLines(theirs), lines, name + ": trace hashes differ from the " + other
                        + " JVM's (" + theirs + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
