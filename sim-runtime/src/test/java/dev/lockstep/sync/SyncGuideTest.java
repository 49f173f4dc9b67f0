package dev.lockstep.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.time.Sleep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of docs/sync.md and of the classes' javadoc, run over many seeds. */
class SyncGuideTest {
    @Test
    void theGuidesProducerAndCollectingReceiver() {
        List<String> lines = List.of("a", "b", "c", "d");
        for (long seed = 0; seed < 100; seed++) {
            Simulation sim = Simulation.builder().seed(seed).build();
            Mpsc<String> ch = Mpsc.bounded(2);
            sim.spawn("producer", Async.async(a -> {
                for (String line : lines) {
                    a.await(ch.sender().send(line));   // waits while 2 are queued
                }
                ch.sender().close();
                return null;
            }));
            List<String> all = sim.blockOn(ch.receiver().collect());   // the receiver is a Stream
            assertEquals(lines, all, "seed " + seed);
        }
    }

    @Test
    void theSemaphoreExampleLimitsUploadsToThreeAtOnce() {
        for (long seed = 0; seed < 100; seed++) {
            Simulation sim = Simulation.builder().seed(seed).build();
            Semaphore uploads = Semaphore.of(3);
            int[] running = {0};
            int[] most = {0};
            List<JoinHandle<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tasks.add(sim.spawn("upload-" + i, Async.async(a -> {
                    try (Permit p = a.await(uploads.acquire())) {
                        running[0]++;
                        most[0] = Math.max(most[0], running[0]);
                        a.sleep(Duration.ofMillis(a.runtime().choices().between(1, 10)));
                        running[0]--;
                    }
                    return null;
                })));
            }
            sim.blockOn(Futures.joinAll(tasks));
            assertTrue(most[0] <= 3, "seed " + seed + ": " + most[0] + " uploads at once");
            assertEquals(3, uploads.availablePermits());
        }
    }

    @Test
    void theCancellationTokenExampleStopsServingOnShutdown() {
        Simulation sim = Simulation.builder().seed(7).build();
        CancellationToken shutdown = CancellationToken.create();
        CancellationToken perConnection = shutdown.child();
        sim.spawn("admin", Sleep.of(Duration.ofSeconds(5)).map(v -> {
            shutdown.cancel();
            return null;
        }));
        var served = sim.blockOn(Futures.select(perConnection.cancelled(), Sleep.of(Duration.ofHours(1))));
        assertTrue(served.isLeft(), "stopped by the shutdown, not by the hour");
        assertEquals(5, sim.clock().elapsed().toSeconds());
    }

    @Test
    void theWatchExampleAppliesTheLatestConfig() {
        Simulation sim = Simulation.builder().seed(3).build();
        Watch<String> config = Watch.create("v0");
        sim.spawn("admin", Async.async(a -> {
            for (int i = 1; i <= 3; i++) {
                a.sleep(Duration.ofMillis(1));
                config.sender().send("v" + i);
            }
            config.sender().close();
            return null;
        }));
        String applied = sim.blockOn(Async.async(a -> {
            String last = config.receiver().borrow();
            while (a.await(config.receiver().changed())) {   // false once the sender is closed
                last = config.receiver().borrowAndUpdate();
            }
            return last;
        }));
        assertEquals("v3", applied);
    }
}
