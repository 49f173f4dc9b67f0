package com.example.outside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.runtime.Simulation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class JdkTimeTest {
    @Test
    void nanoTimeAndTheWallClockReadVirtualTimeInsideARun() {
        Simulation sim = Simulation.builder().seed(1).build();
        List<Object> seen = sim.blockOn(Async.async(a -> {
            long n0 = System.nanoTime();
            long m0 = System.currentTimeMillis();
            a.sleep(Duration.ofMillis(250));
            return List.of(System.nanoTime() - n0, System.currentTimeMillis() - m0, m0, Instant.now(),
                    LocalDateTime.now(), Clock.systemUTC().instant());
        }));
        assertEquals(250_000_000L, seen.get(0));
        assertEquals(250L, seen.get(1));
        assertEquals(Instant.parse("2000-01-01T00:00:00Z").toEpochMilli(), seen.get(2));
        assertEquals(Instant.parse("2000-01-01T00:00:00.250Z"), seen.get(3));
        assertEquals(LocalDateTime.parse("2000-01-01T00:00:00.250"), seen.get(4));
        assertEquals(Instant.parse("2000-01-01T00:00:00.250Z"), seen.get(5));
    }

    @Test
    void outsideARunTheClockIsReal() {
        Simulation.builder().build();   // attaches the agent
        long now = Clocks.millis();
        assertTrue(now > Instant.parse("2020-01-01T00:00:00Z").toEpochMilli(), "real time: " + now);
    }

    /** Outside the test class so that it is loaded (and rewritten) after the agent attached. */
    static final class Clocks {
        static long millis() {
            return System.currentTimeMillis();
        }
    }
}
