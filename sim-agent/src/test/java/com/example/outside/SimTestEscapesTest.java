package com.example.outside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.junit.SimTest;
import dev.lockstep.runtime.EscapePolicy;
import dev.lockstep.runtime.Simulation;
import java.time.Duration;
import java.time.Instant;

/** The escape policy of a {@code @SimTest}, as a user writes it. */
class SimTestEscapesTest extends AgentTestCase {
    static long wallClock() {
        return System.currentTimeMillis();
    }

    @SimTest(runs = 50)
    void byDefaultTheWallClockIsVirtual(Simulation sim) {
        long ms = sim.blockOn(Async.async(a -> {
            a.sleep(Duration.ofSeconds(sim.choices().between(0, 5)));
            return wallClock();
        }));
        assertEquals(EscapePolicy.VIRTUALIZE, sim.escapes());
        assertEquals(Instant.parse("2000-01-01T00:00:00Z").plus(sim.clock().elapsed()).toEpochMilli(), ms);
    }

    @SimTest(runs = 5, escapes = "allow")
    void allowLetsTheRealClockThrough(Simulation sim) {
        long ms = sim.blockOn(Async.async(a -> wallClock()));
        assertTrue(ms > Instant.parse("2020-01-01T00:00:00Z").toEpochMilli(), "real time: " + ms);
    }
}
