package dev.lockstep.benchmarks.sidebyside;

import dev.lockstep.async.Async;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;
import dev.lockstep.internal.generator.GeneratorFactory;
import dev.lockstep.internal.generator.Generators;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.time.Sleep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Memory per object: the heap retained by {@value #COUNT} objects of a kind in one simulation
 * (after full collections before and after), divided by the count. Includes everything the object
 * keeps reachable: for a task its pin, waker, context, handle and future.
 */
final class Footprint {
    static final int COUNT = 20_000;

    private Footprint() {}

    /** One line per kind: {@code | kind | bytes |}. */
    static List<String> rows() {
        List<String> out = new ArrayList<>();
        out.add(row("pending task (polled once, waiting; its future a never-ready leaf)", sim -> {
            for (int i = 0; i < COUNT; i++) {
                sim.spawn("t", (Future<Void>) cx -> Poll.pending());
            }
            sim.advance(Duration.ZERO);
        }));
        out.add(row("pending timer (a task sleeping 1 h, minus a pending task)", sim -> {
            for (int i = 0; i < COUNT; i++) {
                sim.spawn("t", Sleep.of(Duration.ofHours(1)));
            }
            sim.advance(Duration.ZERO);
        }, "pending task (polled once, waiting; its future a never-ready leaf)", out));
        Generators.continuations().ifPresent(c -> out.add(row("suspended async body, continuation backend", sim -> {
            suspendedBodies(sim, c);
        })));
        out.add(row("suspended async body, virtual-thread backend", sim -> suspendedBodies(sim, Generators.threads())));
        return out;
    }

    private static void suspendedBodies(Simulation sim, GeneratorFactory backend) {
        sim.install(GeneratorFactory.class, backend);
        for (int i = 0; i < COUNT; i++) {
            sim.spawn("body", Async.async(a -> a.await(Futures.pending())));
        }
        sim.advance(Duration.ZERO);
    }

    private static String row(String kind, Consumer<Simulation> make) {
        long bytes = measure(make);
        return "| " + kind + " | " + String.format(Locale.ROOT, "%,d", bytes) + " B |";
    }

    /** A row minus an earlier row's figure (the timer row subtracts the task that sleeps). */
    private static String row(String kind, Consumer<Simulation> make, String minusKind, List<String> earlier) {
        long bytes = measure(make);
        long task = 0;
        for (String line : earlier) {
            if (line.startsWith("| " + minusKind)) {
                task = Long.parseLong(line.replaceAll(".*\\| ([0-9,]+) B \\|$", "$1").replace(",", ""));
            }
        }
        return "| " + kind + " | " + String.format(Locale.ROOT, "%,d", bytes - task) + " B (" + String.format(
                Locale.ROOT, "%,d", bytes) + " B with its task) |";
    }

    private static long measure(Consumer<Simulation> make) {
        long before = usedAfterGc();
        Simulation sim = Simulation.builder().seed(0).build();
        make.accept(sim);
        long after = usedAfterGc();
        long per = (after - before) / COUNT;
        sim.shutdown(); // after the measurement, so the simulation stays reachable until then
        return per;
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
