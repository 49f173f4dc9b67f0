package com.example.outside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.lockstep.async.Async;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Caffeine with its defaults: the system ticker, the common pool, its own sampling randomness. */
class CaffeineTest extends AgentTestCase {
    @Test
    void expiryFollowsVirtualTime() {
        List<String> out = repeat("caffeine-expiry", sim -> sim.blockOn(Async.async(a -> {
            Cache<String, String> cache = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(1)).build();
            cache.put("k", "v");
            a.sleep(Duration.ofMillis(500));
            String early = cache.getIfPresent("k");
            a.sleep(Duration.ofMillis(600));
            String late = cache.getIfPresent("k");
            return early + "/" + late;
        })));
        assertTrue(out.stream().allMatch("v/null"::equals), out.get(0));
    }

    @Test
    void refreshReloadsOnTheCommonPoolAsASimulationTask() {
        List<String> out = repeat("caffeine-refresh", sim -> sim.blockOn(Async.async(a -> {
            AtomicInteger loads = new AtomicInteger();
            LoadingCache<String, Integer> cache = Caffeine.newBuilder().refreshAfterWrite(Duration.ofSeconds(1))
                    .build(k -> loads.incrementAndGet());
            int first = cache.get("k");
            a.sleep(Duration.ofSeconds(2));
            int stale = cache.get("k");          // triggers an asynchronous reload
            a.sleep(Duration.ofMillis(1));
            int fresh = cache.get("k");
            return first + "," + stale + "," + fresh + " loads=" + loads.get();
        })));
        assertTrue(out.stream().allMatch("1,1,2 loads=2"::equals), out.get(0));
    }

    @Test
    void sizeEvictionRepeatsPerSeed() {
        List<Set<Integer>> out = repeat("caffeine-size", sim -> sim.blockOn(Async.async(a -> {
            Cache<Integer, Integer> cache = Caffeine.newBuilder().maximumSize(20).build();
            for (int i = 0; i < 200; i++) {
                int key = (int) sim.choices().between(0, 60);
                cache.get(key, k -> k);
                if (i % 7 == 0) {
                    a.yieldNow();
                }
            }
            cache.cleanUp();
            return new TreeSet<>(cache.asMap().keySet());
        })));
        assertTrue(out.stream().allMatch(s -> s.size() <= 20), out.get(0).toString());
        assertEquals(SEEDS, out.size());
    }
}
