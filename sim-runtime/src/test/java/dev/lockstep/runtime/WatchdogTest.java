package dev.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.future.Poll;
import dev.lockstep.time.Sleep;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class WatchdogTest {

    @Test
    void aPollThatBlocksIsReportedWithTheTaskAndItsStack() {
        Simulation sim = Simulation.builder().pollTimeout(Duration.ofMillis(200)).build();
        CountDownLatch never = new CountDownLatch(1);
        StepLimitException e = assertThrows(StepLimitException.class, () -> sim.blockOn(cx -> {
            try {
                never.await(); // a poll that blocks: the watchdog interrupts it
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return Poll.ready(null);
        }));
        assertTrue(e.getMessage().contains("task 'main'#0 has been inside one poll"), e.getMessage());
        assertTrue(e.getMessage().contains("WatchdogTest"), "the stack names the blocking code: " + e.getMessage());
        assertTrue(!Thread.currentThread().isInterrupted(), "the interrupt does not leak into the caller");
    }

    @Test
    void quickPollsAreNotReported() {
        Simulation sim = Simulation.builder().pollTimeout(Duration.ofSeconds(5)).build();
        sim.blockOn(Sleep.of(Duration.ofHours(1)));
        assertEquals(Duration.ofHours(1), sim.clock().elapsed());
    }

    @Test
    void aNonPositiveTimeoutIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Simulation.builder().pollTimeout(Duration.ZERO));
    }
}
