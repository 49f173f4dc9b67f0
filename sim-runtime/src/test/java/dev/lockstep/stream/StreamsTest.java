package dev.lockstep.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.sync.Mpsc;
import dev.lockstep.testkit.TestStreams;
import dev.lockstep.testkit.MockTask;
import dev.lockstep.time.Interval;
import dev.lockstep.time.Sleep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamsTest {
    @Test
    void mapFilterAndTakeTransformInOrder() {
        Simulation sim = Simulation.builder().seed(1).build();
        assertEquals(List.of(20, 40), sim.blockOn(Streams.of(1, 2, 3, 4, 5, 6).filter(v -> v % 2 == 0)
                .map(v -> v * 10).take(2).collect()));
    }

    @Test
    void bufferedRunsUpToNAtOnceAndKeepsTheInputOrder() {
        for (long seed = 0; seed < 50; seed++) {
            Simulation sim = Simulation.builder().seed(seed).build();
            List<Integer> delays = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                delays.add((int) sim.choices().between(1, 9));
            }
            int[] running = {0};
            int[] most = {0};
            Stream<Integer> s = Streams.buffered(Streams.fromIterable(delays).map(ms -> Async.async(a -> {
                running[0]++;
                most[0] = Math.max(most[0], running[0]);
                a.sleep(Duration.ofMillis(ms));
                running[0]--;
                return ms;
            })), 3);
            assertEquals(delays, sim.blockOn(s.collect()), "seed " + seed);
            assertTrue(most[0] <= 3, "at most 3 in flight, saw " + most[0]);
        }
    }

    @Test
    void mergeYieldsBothStreamsAndEndsWhenBothEnd() {
        for (long seed = 0; seed < 50; seed++) {
            Simulation sim = Simulation.builder().seed(seed).build();
            Mpsc<Integer> a = Mpsc.unbounded();
            Mpsc<Integer> b = Mpsc.unbounded();
            sim.spawn("a", Async.async(x -> {
                for (int i = 0; i < 3; i++) {
                    a.sender().trySend(i);
                    x.sleep(Duration.ofMillis(x.runtime().choices().between(0, 2)));
                }
                a.sender().close();
                return null;
            }));
            sim.spawn("b", Sleep.of(Duration.ofMillis(1)).map(v -> {
                b.sender().trySend(10);
                b.sender().close();
                return null;
            }));
            List<Integer> got = sim.blockOn(a.receiver().mergeWith(b.receiver()).collect());
            assertEquals(List.of(0, 1, 2, 10), got.stream().sorted().toList(), "seed " + seed);
            assertEquals(List.of(0, 1, 2), got.stream().filter(v -> v < 10).toList(), "each input in order");
        }
    }

    @Test
    void anIntervalIsAStreamOfTickTimesAndKeepsItsOwnApi() {
        Simulation sim = Simulation.builder().seed(0).build();
        Interval every = Interval.every(Duration.ofMillis(5));
        List<Long> ticks = sim.blockOn(Streams.ticks(every).take(3).collect());
        assertEquals(List.of(0L, 5_000_000L, 10_000_000L), ticks);
    }

    @Test
    void aCancelledTickStreamEnds() {
        Simulation sim = Simulation.builder().seed(0).build();
        Stream<Long> ticks = Streams.ticks(Interval.every(Duration.ofMillis(5)));
        assertEquals(Optional.of(0L), MockTask.of(ticks.next(), sim).poll().value());
        Streams.cancel(ticks);
        assertEquals(Optional.empty(), MockTask.of(ticks.next(), sim).poll().value(),
                "a cancelled stream ends, as every cancelled stream does");
    }

    @Test
    void aNextPolledAfterItsCancelSaysItWasCancelled() {
        Simulation sim = Simulation.builder().seed(0).build();
        Mpsc<String> ch = Mpsc.unbounded();
        var next = ch.receiver().next();
        var collect = ch.receiver().collect();
        dev.lockstep.future.Futures.cancel(next);
        dev.lockstep.future.Futures.cancel(collect);
        for (var f : List.of(next, collect)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> MockTask.of(f, sim).poll());
            assertTrue(e.getMessage().contains("cancelled") && e.getMessage().contains("replay"), e.getMessage());
        }
    }

    @Test
    void cancellingANullStreamIsRefused() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> Streams.cancel(null));
        assertTrue(e.getMessage().contains("Streams.cancel"), e.getMessage());
    }

    @Test
    void takeLeavesAReceiverOpenToBeReadOn() {
        Simulation sim = Simulation.builder().seed(0).build();
        Mpsc<Integer> ch = Mpsc.unbounded();
        for (int i = 0; i < 4; i++) {
            ch.sender().trySend(i);
        }
        ch.sender().close();
        assertEquals(List.of(0, 1), sim.blockOn(ch.receiver().take(2).collect()));
        assertEquals(List.of(2, 3), sim.blockOn(ch.receiver().collect()));
    }

    @Test
    void interleavePendingReturnsPendingBeforeEachValueAndWakes() {
        MockTask<Optional<Integer>> t = MockTask.of(TestStreams.interleavePending(Streams.of(1)).next());
        assertTrue(t.poll().isPending());
        assertTrue(t.isWoken());
        assertEquals(Optional.of(1), t.poll().value());
    }

    @Test
    void aCancelledNextLeavesTheReceiverUsable() {
        Mpsc<String> ch = Mpsc.unbounded();
        var next = ch.receiver().next();
        MockTask<Optional<String>> t = MockTask.of(next);
        assertTrue(t.poll().isPending());
        dev.lockstep.future.Futures.cancel(next);
        ch.sender().trySend("kept");
        assertTrue(!t.isWoken(), "the cancelled next() left no waker");
        assertEquals(Optional.of("kept"), MockTask.of(ch.receiver().next()).poll().value());
    }
}
