package dev.lockstep.io.sim;

import dev.lockstep.future.Future;
import dev.lockstep.io.NetworkBehaviourTestCase;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The shared behaviour suite on the simulated network, over 8 seeds: each seed reorders the run
 * queue and draws its own latencies, and odd seeds use a congested link (small send buffer,
 * limited bandwidth, high jitter) so backpressure and segment interleavings differ too.
 */
class SimNetworkBehaviourTest extends NetworkBehaviourTestCase {
    static final LinkConfig CONGESTED = LinkConfig.DEFAULT.withLatency(Duration.ofMillis(2), Duration.ofMillis(8))
            .withSendBuffer(2048).withBandwidth(20_000_000);

    @Override
    protected <T> void check(Function<World, Future<T>> scenario, Consumer<T> assertion) {
        SimBackend.check(8, seed -> seed % 2 == 0 ? LinkConfig.DEFAULT : CONGESTED, scenario, assertion);
    }
}
