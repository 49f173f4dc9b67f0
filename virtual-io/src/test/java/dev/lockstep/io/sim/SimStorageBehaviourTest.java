package dev.lockstep.io.sim;

import dev.lockstep.future.Future;
import dev.lockstep.io.fs.StorageBehaviourTestCase;
import dev.lockstep.runtime.Simulation;
import java.time.Duration;

/**
 * The storage behaviour suite on the simulated disk, over several seeds and with a drawn latency
 * per operation, so every operation is a real suspension point; each seed's result must agree.
 */
class SimStorageBehaviourTest extends StorageBehaviourTestCase {
    private static final DiskConfig SLOW = DiskConfig.DEFAULT.withLatency(Duration.ofMillis(1), Duration.ofMillis(3));

    @Override
    protected <T> T run(Future<T> scenario) {
        // Every operation takes 1-4 ms of virtual time, drawn from the seed: each is a suspension.
        Simulation sim = Simulation.builder().seed(7).build();
        SimStorage.install(sim, SLOW);
        T value = sim.blockOn(scenario);
        return value;
    }
}
