package dev.lockstep.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.future.Future;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.interop.PublisherReceiver;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.time.Sleep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class ReactorInteropTest {

    /** Takes every item of {@code receiver} in an async body, sleeping {@code pause} after each. */
    static <T> Future<List<T>> drain(PublisherReceiver<T> receiver, Duration pause) {
        return Async.async(a -> {
            List<T> items = new ArrayList<>();
            for (Optional<T> next; (next = a.await(receiver.next())).isPresent(); ) {
                items.add(next.get());
                a.sleep(pause);
            }
            return items;
        });
    }

    @Nested
    class FromPublisher {
        @Test
        void itemsArriveInOrderAndTheEndIsEmpty() {
            for (long seed = 0; seed < 50; seed++) {
                Simulation sim = Simulation.builder().seed(seed).faults(FaultPlan.swarm()).build();
                try (SchedulerInstallation on = VirtualSchedulers.install(sim)) {
                    PublisherReceiver<Long> r = ReactorInterop.fromPublisher(
                            Flux.interval(Duration.ofMillis(10)).take(5));
                    assertEquals(List.of(0L, 1L, 2L, 3L, 4L), sim.blockOn(drain(r, Duration.ZERO)), "seed " + seed);
                    // Under swarm a tick may fire up to 1 ms late (timer-slack), never early.
                    Duration at = sim.clock().elapsed();
                    assertTrue(at.compareTo(Duration.ofMillis(50)) >= 0 && at.compareTo(Duration.ofMillis(55)) <= 0,
                            "seed " + seed + ": " + at);
                }
            }
        }

        @Test
        void aSlowConsumerRequestsOneItemAtATime() {
            Simulation sim = Simulation.builder().seed(1).build();
            List<Long> requests = new ArrayList<>();
            Flux<Integer> source = Flux.range(1, 4).doOnRequest(requests::add);
            PublisherReceiver<Integer> r = ReactorInterop.fromPublisher(source);
            assertEquals(List.of(1, 2, 3, 4), sim.blockOn(drain(r, Duration.ofSeconds(1))));
            assertEquals(List.of(1L, 1L, 1L, 1L), requests, "one item requested per next() (range completes with its last item)");
            assertEquals(Duration.ofSeconds(4), sim.clock().elapsed());
        }

        @Test
        void theErrorComesAfterTheItemsBeforeIt() {
            Simulation sim = Simulation.builder().seed(2).build();
            IllegalStateException boom = new IllegalStateException("boom");
            PublisherReceiver<Integer> r = ReactorInterop.fromPublisher(Flux.just(1, 2).concatWith(Mono.error(boom)));
            List<Integer> seen = new ArrayList<>();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> sim.blockOn(Async.async(a -> {
                while (true) {
                    seen.add(a.await(r.next()).orElseThrow());
                }
            })));
            assertSame(boom, e);
            assertEquals(List.of(1, 2), seen);
        }

        @Test
        void cancelCancelsTheSubscriptionAndLaterNextsAreEmpty() {
            Simulation sim = Simulation.builder().seed(3).build();
            AtomicBoolean cancelled = new AtomicBoolean();
            PublisherReceiver<Integer> r = ReactorInterop.fromPublisher(
                    Flux.range(1, 100).doOnCancel(() -> cancelled.set(true)));
            assertEquals(Optional.of(1), sim.blockOn(r.next()));
            r.cancel();
            assertTrue(cancelled.get());
            assertEquals(Optional.empty(), sim.blockOn(r.next()));
        }
    }

    @Nested
    class Monos {
        @Test
        void fromMonoGivesTheValueOrNullWhenEmpty() {
            Simulation sim = Simulation.builder().build();
            assertEquals("x", sim.blockOn(ReactorInterop.fromMono(Mono.just("x"))));
            Simulation other = Simulation.builder().build();
            assertNull(other.blockOn(ReactorInterop.fromMono(Mono.empty())));
        }

        @Test
        void toMonoRunsTheFutureAsATaskInVirtualTime() {
            Simulation sim = Simulation.builder().seed(4).build();
            try (SchedulerInstallation on = VirtualSchedulers.install(sim)) {
                Mono<String> view = ReactorInterop.toMono(sim, "lookup", Sleep.of(Duration.ofSeconds(3)).map(x -> "v"));
                String got = sim.blockOn(ReactorInterop.fromMono(view.map(String::toUpperCase)
                        .timeout(Duration.ofSeconds(5))));
                assertEquals("V", got);
                assertEquals(Duration.ofSeconds(3), sim.clock().elapsed());
            }
        }

        @Test
        void aReactorTimeoutCancelsTheViewAndAbortsItsTask() {
            Simulation sim = Simulation.builder().seed(5).build();
            try (SchedulerInstallation on = VirtualSchedulers.install(sim)) {
                Mono<String> view = ReactorInterop.toMono(sim, "slow", Sleep.of(Duration.ofMinutes(1)).map(x -> "late"));
                String got = sim.blockOn(ReactorInterop.fromMono(view.timeout(Duration.ofSeconds(1), Mono.just("fallback"))));
                assertEquals("fallback", got);
                assertEquals(Duration.ofSeconds(1), sim.clock().elapsed());
                sim.runUntilIdle();
                assertEquals(0, sim.pendingTimers(), "the aborted task released its timer");
            }
        }

        @Test
        void aFailingFutureIsTheMonosError() {
            Simulation sim = Simulation.builder().build();
            IllegalArgumentException bad = new IllegalArgumentException("bad");
            Mono<Object> view = ReactorInterop.toMono(sim, cx -> {
                throw bad;
            });
            assertEquals("recovered: bad", sim.blockOn(ReactorInterop.fromMono(
                    view.map(Object::toString).onErrorResume(e -> Mono.just("recovered: " + e.getMessage())))));
        }

        @Test
        void subscribingFromAnotherThreadIsAnError() throws InterruptedException {
            Simulation sim = Simulation.builder().build();
            sim.blockOn(Sleep.of(Duration.ofMillis(1)));
            Mono<String> view = ReactorInterop.toMono(sim, Sleep.of(Duration.ofSeconds(1)).map(x -> "v"));
            Throwable[] error = new Throwable[1];
            Thread t = new Thread(() -> view.subscribe(v -> { }, e -> error[0] = e));
            t.start();
            t.join();
            assertTrue(error[0] instanceof IllegalStateException && error[0].getMessage().contains("not the simulation's thread"),
                    String.valueOf(error[0]));
        }
    }

    @Test
    void aJoinHandleIsNotNeededToAwaitAMono() {
        Simulation sim = Simulation.builder().seed(6).build();
        try (SchedulerInstallation on = VirtualSchedulers.install(sim)) {
            JoinHandle<Long> h = sim.spawn("delay", ReactorInterop.fromMono(Mono.delay(Duration.ofSeconds(2))));
            assertEquals(0L, sim.blockOn(h));
            assertEquals(Duration.ofSeconds(2), sim.clock().elapsed());
        }
    }
}
