package dev.lockstep.io.sim;

import dev.lockstep.future.Future;
import dev.lockstep.io.NetworkBehaviourTestCase;
import dev.lockstep.testkit.TestFutures;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The shared behaviour suite on the simulated network with spurious wakeups around every socket
 * future: each is wrapped in {@link TestFutures#interleavePending} (a fake {@code Pending} before
 * every real poll) and {@link SpuriousWakeups} (polled again, at random, while still blocked).
 */
class SimNetworkSpuriousWakeupBehaviourTest extends NetworkBehaviourTestCase {

    @Override
    protected <T> Future<T> io(Future<T> future) {
        return TestFutures.interleavePending(SpuriousWakeups.of(future));
    }

    @Override
    protected <T> void check(Function<World, Future<T>> scenario, Consumer<T> assertion) {
        SimBackend.check(4, seed -> seed % 2 == 0 ? LinkConfig.DEFAULT : SimNetworkBehaviourTest.CONGESTED, scenario,
                assertion);
    }
}
