package dev.lockstep.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.Future;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.time.Sleep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class PublisherReceiverTest {
    /**
     * A JDK Flow publisher written by hand: emits {@code 1..n} on request, each item delivered
     * {@code gap} of virtual time after its request by a simulation task, and logs the requests.
     */
    static final class TickingPublisher implements Flow.Publisher<Integer> {
        final Simulation sim;
        final int n;
        final Duration gap;
        final List<Long> requests = new ArrayList<>();
        boolean cancelled;

        TickingPublisher(Simulation sim, int n, Duration gap) {
            this.sim = sim;
            this.n = n;
            this.gap = gap;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super Integer> s) {
            int[] next = {1};
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long k) {
                    requests.add(k);
                    int item = next[0]++;
                    sim.spawn("emit-" + item, Sleep.of(gap).map(x -> {
                        if (!cancelled) {
                            if (item <= n) {
                                s.onNext(item);
                            } else {
                                s.onComplete();
                            }
                        }
                        return null;
                    }));
                }

                @Override
                public void cancel() {
                    cancelled = true;
                }
            });
        }
    }

    /** Takes every item with poll-based futures chained by hand (no async body). */
    static Future<List<Integer>> drain(PublisherReceiver<Integer> r, List<Integer> into) {
        return r.next().then(item -> item.isPresent() ? drainAfter(r, into, item.get()) : dev.lockstep.future.Futures.ready(into));
    }

    private static Future<List<Integer>> drainAfter(PublisherReceiver<Integer> r, List<Integer> into, int item) {
        into.add(item);
        return drain(r, into);
    }

    @Test
    void itemsArriveInOrderOneRequestAtATimeUnderFaults() {
        for (long seed = 0; seed < 100; seed++) {
            Simulation sim = Simulation.builder().seed(seed).faults(FaultPlan.swarm()).build();
            TickingPublisher p = new TickingPublisher(sim, 4, Duration.ofMillis(10));
            List<Integer> got = sim.blockOn(drain(Interop.fromPublisher(p), new ArrayList<>()));
            assertEquals(List.of(1, 2, 3, 4), got, "seed " + seed);
            assertEquals(List.of(1L, 1L, 1L, 1L, 1L), p.requests, "one request(1) per next(), seed " + seed);
            // Swarm's timer-slack may fire each of the five ticks up to 1 ms late, never early.
            Duration elapsed = sim.clock().elapsed();
            assertTrue(elapsed.compareTo(Duration.ofMillis(50)) >= 0 && elapsed.compareTo(Duration.ofMillis(55)) <= 0,
                    "seed " + seed + ": " + elapsed);
        }
    }

    @Test
    void nothingIsRequestedBeforeANextIsPolled() {
        Simulation sim = Simulation.builder().build();
        TickingPublisher p = new TickingPublisher(sim, 3, Duration.ofMillis(1));
        PublisherReceiver<Integer> r = Interop.fromPublisher(p);
        sim.blockOn(Sleep.of(Duration.ofSeconds(1)));
        assertEquals(List.of(), p.requests);
        assertEquals(Optional.of(1), sim.blockOn(r.next()));
        assertEquals(List.of(1L), p.requests);
    }

    @Test
    void anErrorIsThrownByTheNextPollAfterTheItemsBeforeIt() {
        Simulation sim = Simulation.builder().build();
        IllegalStateException boom = new IllegalStateException("boom");
        Flow.Publisher<Integer> failing = s -> s.onSubscribe(new Flow.Subscription() {
            int sent;

            @Override
            public void request(long k) {
                if (sent++ == 0) {
                    s.onNext(7);
                } else {
                    s.onError(boom);
                }
            }

            @Override
            public void cancel() {}
        });
        PublisherReceiver<Integer> r = Interop.fromPublisher(failing);
        assertEquals(Optional.of(7), sim.blockOn(r.next()));
        assertSame(boom, assertThrows(IllegalStateException.class, () -> sim.blockOn(r.next())));
    }

    @Test
    void cancelReachesThePublisherAndAbortingAWaitingTaskReleasesItsWaker() {
        Simulation sim = Simulation.builder().build();
        TickingPublisher p = new TickingPublisher(sim, 100, Duration.ofHours(1));
        PublisherReceiver<Integer> r = Interop.fromPublisher(p);
        JoinHandle<Optional<Integer>> waiting = sim.spawn("waiting", r.next());
        sim.runUntilIdle();
        waiting.abort();
        r.cancel();
        assertTrue(p.cancelled);
        assertEquals(Optional.empty(), sim.blockOn(r.next()));
    }
}
