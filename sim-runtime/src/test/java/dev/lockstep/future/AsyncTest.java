package dev.lockstep.future;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.runtime.Simulation;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AsyncTest {

    @Nested
    class DoneWhen {
        @Test
        void twoAsyncTasksPlayPingPongOverAChannel() {
            List<String> log = AsyncScenarios.pingPong(Simulation.builder().seed(3).build(), 20);
            assertEquals("done 20 20", log.get(log.size() - 1));
        }

        @Test
        void recursionThroughAwaitReachesDepthTenThousand() {
            Simulation sim = Simulation.builder().build();
            assertEquals(10_000, sim.blockOn(AsyncScenarios.recursion(10_000)));
        }
    }
}
