package com.example.outside;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.interop.Interop;
import dev.lockstep.runtime.EscapeException;
import dev.lockstep.runtime.Simulation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Reactor 3.8 with its default schedulers (Schedulers.parallel(), a static pool of the library). */
class ReactorTest extends AgentTestCase {
    @Test
    void delayAndTimeoutRunOnTheParallelSchedulerInVirtualTime() {
        List<String> out = repeat("reactor-delay-timeout", sim -> sim.blockOn(Async.async(a -> {
            String fast = a.await(Interop.fromCompletionStage(Mono.delay(Duration.ofMillis(100)).map(x -> "fast@"
                    + sim.clock().elapsed().toMillis()).toFuture()));
            String slow = a.await(Interop.fromCompletionStage(Mono.delay(Duration.ofSeconds(1)).map(x -> "late")
                    .timeout(Duration.ofMillis(250))
                    .onErrorResume(TimeoutException.class, e -> Mono.just("timeout@" + sim.clock().elapsed().toMillis()))
                    .toFuture()));
            return fast + " " + slow;
        })));
        assertTrue(out.stream().allMatch("fast@100 timeout@350"::equals), out.get(0));
    }

    @Test
    void blockIsReportedInsideReactor() {
        Simulation sim = Simulation.builder().seed(1).build();
        EscapeException e = assertThrows(EscapeException.class, () -> sim.blockOn(Async.async(a ->
                Mono.delay(Duration.ofMillis(10)).block())));
        assertTrue(e.site().startsWith("reactor.core.publisher."), e.site());
    }
}
