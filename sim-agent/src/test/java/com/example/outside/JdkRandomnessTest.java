package com.example.outside;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.trace.TraceEvent;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class JdkRandomnessTest extends AgentTestCase {
    /** Draws from every JDK source of randomness the agent virtualizes. */
    static List<Object> draw() {
        List<Integer> deck = new ArrayList<>(List.of(1, 2, 3, 4, 5, 6, 7, 8));
        Collections.shuffle(deck);
        return List.of(Math.random(), new Random().nextInt(), ThreadLocalRandom.current().nextInt(1000),
                ThreadLocalRandom.current().nextLong(), UUID.randomUUID(), new SecureRandom().nextInt(), deck);
    }

    @Test
    void everySourceReplaysFromTheSeedAndSeedsDiffer() {
        List<List<Object>> draws = repeat("jdk-randomness", sim -> sim.blockOn(Async.async(a -> draw())));
        assertTrue(new HashSet<>(draws).size() > SEEDS * 9 / 10, "different seeds draw differently");
        UUID u = (UUID) draws.get(0).get(4);
        assertTrue(u.version() == 4 && u.variant() == 2, "a version-4 UUID: " + u);
    }

    /** Draws through every form of {@code ThreadLocalRandom}'s methods, including those with bounds or parameters. */
    static List<Object> drawThreadLocal() {
        ThreadLocalRandom t = ThreadLocalRandom.current();
        byte[] bytes = new byte[5];
        t.nextBytes(bytes);
        return List.of(t.nextInt(), t.nextInt(10), t.nextInt(5, 10), t.nextLong(), t.nextLong(10), t.nextLong(5, 10),
                t.nextDouble(), t.nextDouble(2.0), t.nextDouble(1.0, 2.0), t.nextFloat(), t.nextFloat(2f),
                t.nextFloat(1f, 2f), t.nextBoolean(), t.nextGaussian(), t.nextGaussian(10.0, 2.0), t.nextExponential(),
                List.of(bytes[0], bytes[1], bytes[2], bytes[3], bytes[4]));
    }

    @Test
    void everyFormOfAThreadLocalRandomDrawReplaysFromTheSeed() {
        List<List<Object>> draws = repeat("jdk-thread-local-random", sim -> sim.blockOn(Async.async(a -> drawThreadLocal())));
        for (int i = 0; i < draws.get(0).size(); i++) {
            int column = i;
            assertTrue(draws.stream().map(d -> d.get(column)).distinct().count() > 1,
                    "draw " + column + " differs across seeds");
        }
    }

    @Test
    void theTraceNotesEachSiteOnceAndTheSeedingOnce() {
        var sim = dev.lockstep.runtime.Simulation.builder().seed(3).build();
        sim.blockOn(Async.async(a -> {
            draw();
            return draw();
        }));
        List<String> notes = sim.trace().events().stream()
                .filter(e -> e instanceof TraceEvent.Note n && n.text().startsWith("escape virtualized"))
                .map(e -> ((TraceEvent.Note) e).text()).toList();
        assertTrue(notes.stream().filter(n -> n.contains("random streams seeded from the run's choices")).count() == 1,
                notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.contains("java.lang.Math.random() at "
                + JdkRandomnessTest.class.getName() + ".draw(JdkRandomnessTest.java:")), notes.toString());
        assertTrue(notes.size() == new HashSet<>(notes).size(), "each site once: " + notes);
    }

    @Test
    void outsideARunRandomnessIsReal() {
        assertTrue(new HashSet<>(List.of(draw(), draw(), draw())).size() == 3);
    }
}
