package dev.lockstep.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.runtime.Simulation;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenarios with planted bugs, shared by the engine's tests and the JUnit extension's fixtures.
 * Every decision comes from the simulation's choices.
 */
public final class PlantedBugs {
    private PlantedBugs() {}

    /**
     * The cache-invalidation race: a bug that needs one particular interleaving of three tasks.
     *
     * <p>A {@code writer} prepares (two yields) and then writes {@code v2} to the store; an
     * {@code invalidator} waits for the writer and then clears the cache; a {@code reader} fills
     * the cache read-through: it reads the store, yields (the slow fill), then writes what it read
     * into the cache. The cache is stale at the end only if the reader reads before the write
     * <em>and</em> fills after the invalidation: reader, then writer and invalidator, then reader.
     * The plain (FIFO) schedule passes.
     */
    public static void staleCache(Simulation sim) {
        String[] store = {"v1"};
        String[] cache = {null};
        JoinHandle<Void> writer = sim.spawn("writer", afterYields(2, () -> store[0] = "v2"));
        JoinHandle<Void> invalidator = sim.spawn("invalidator", writer.map(x -> {
            cache[0] = null;
            return null;
        }));
        JoinHandle<Void> reader = sim.spawn("reader", readThrough(store, cache));
        sim.blockOn(Futures.joinAll(List.of(invalidator, reader))); // the invalidator awaits the writer
        assertFalse(cache[0] != null && !cache[0].equals(store[0]),
                "stale cache: it holds " + cache[0] + " but the store has " + store[0]);
    }

    /**
     * A bug that needs both data and an order: {@code n} values in {@code [0, 100]} are drawn
     * ({@code n} in {@code [1, 8]}), then tasks {@code a} and {@code b} each record their name. It
     * fails when some value is at least 50 and {@code b} ran before {@code a}. The smallest
     * failing choices are {@code [0, 50, 1]}: one value (offset 0 from 1), the value 50, and the
     * schedule choice 1 that runs {@code b} first.
     */
    public static void bigValueAndReversedOrder(Simulation sim) {
        int n = (int) sim.choices().between(1, 8);
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(sim.choices().between(0, 100));
        }
        List<String> order = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            sim.spawn(name, Futures.lazy(() -> order.add(name)));
        }
        sim.blockOn(Futures.yieldNow());
        boolean big = values.stream().anyMatch(v -> v >= 50);
        assertFalse(big && order.equals(List.of("b", "a")), "values " + values + " with order " + order);
    }

    /**
     * Two different assertions: values of 10 and more fail at one line, values from 1 to 9 at
     * another. A shrink that starts above 10 must stop at 10, not cross to the other assertion.
     */
    public static void twoAssertions(Simulation sim) {
        long v = sim.choices().between(0, 100);
        if (v >= 10) {
            assertEquals(-1, v, "big value");
        }
        assertEquals(0, v, "small value");
    }

    /** A future that yields {@code yields} times, then runs {@code action} and completes. */
    public static Future<Void> afterYields(int yields, Runnable action) {
        int[] left = {yields};
        return Futures.pollFn(cx -> {
            if (left[0]-- > 0) {
                cx.waker().wakeByRef();
                return Poll.pending();
            }
            action.run();
            return Poll.ready(null);
        });
    }

    /** Reads the store, yields once, then fills the cache with what it read. */
    private static Future<Void> readThrough(String[] store, String[] cache) {
        String[] read = {null};
        return Futures.pollFn(cx -> {
            if (read[0] == null) {
                read[0] = store[0];
                cx.waker().wakeByRef();
                return Poll.pending();
            }
            cache[0] = read[0];
            return Poll.ready(null);
        });
    }
}
