package dev.lockstep.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.common.base.Stopwatch;
import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.lockstep.runtime.Simulation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SimClockTest {

    @Nested
    class AsTicker {
        @Test
        void aStopwatchOnTheTickerMeasuresVirtualTime() {
            Simulation sim = Simulation.builder().build();
            Stopwatch watch = Stopwatch.createStarted(sim.clock().asTicker());
            sim.blockOn(Sleep.of(Duration.ofSeconds(3)));
            assertEquals(Duration.ofSeconds(3), watch.elapsed());
            watch.stop();
            sim.advance(Duration.ofHours(1));
            assertEquals(3, watch.elapsed(TimeUnit.SECONDS), "a stopped stopwatch must not move");
        }

        @Test
        void aCacheExpiresItsEntriesInVirtualTime() {
            Simulation sim = Simulation.builder().build();
            Ticker ticker = sim.clock().asTicker();
            Cache<String, String> cache = CacheBuilder.newBuilder()
                    .expireAfterWrite(Duration.ofSeconds(10))
                    .ticker(ticker)
                    .build();
            cache.put("k", "v");
            sim.advance(Duration.ofSeconds(9));
            assertEquals("v", cache.getIfPresent("k"), "present before expiry");
            sim.advance(Duration.ofSeconds(1));
            assertNull(cache.getIfPresent("k"), "gone once 10 s of virtual time have passed");
        }

        @Test
        void theTickerReadsTheVirtualNanoseconds() {
            Simulation sim = Simulation.builder().build();
            Ticker ticker = sim.clock().asTicker();
            assertEquals(0, ticker.read());
            sim.advance(Duration.ofNanos(1234));
            assertEquals(1234, ticker.read());
        }
    }

    @Nested
    class AsJavaClock {
        @Test
        void theClockReadsVirtualTimeFromTheEpochInUtc() {
            Simulation sim = Simulation.builder().build();
            Clock clock = sim.clock().asJavaClock();
            assertEquals(ZoneOffset.UTC, clock.getZone());
            assertEquals(Instant.EPOCH, clock.instant());
            sim.advance(Duration.ofMillis(5_250));
            assertEquals(Instant.EPOCH.plusMillis(5_250), clock.instant());
            assertEquals(5_250, clock.millis());
            assertEquals(LocalDateTime.of(1970, 1, 1, 0, 0, 5, 250_000_000), LocalDateTime.now(clock));
        }

        @Test
        void withZoneKeepsTheVirtualTimeSource() {
            Simulation sim = Simulation.builder().build();
            Clock utc = sim.clock().asJavaClock();
            Clock paris = utc.withZone(ZoneId.of("Europe/Paris"));
            sim.advance(Duration.ofHours(2));
            assertEquals(utc.instant(), paris.instant());
            assertEquals(3, LocalDateTime.now(paris).getHour(), "02:00Z is 03:00 in Paris in January 1970");
            assertSame(utc, utc.withZone(ZoneOffset.UTC));
            assertEquals(utc, paris.withZone(ZoneOffset.UTC));
            assertEquals(utc.hashCode(), paris.withZone(ZoneOffset.UTC).hashCode());
        }

        @Test
        void clocksOfDifferentSimulationsAreNotEqual() {
            Clock a = Simulation.builder().build().clock().asJavaClock();
            Clock b = Simulation.builder().build().clock().asJavaClock();
            assertNotEquals(a, b);
        }
    }
}
