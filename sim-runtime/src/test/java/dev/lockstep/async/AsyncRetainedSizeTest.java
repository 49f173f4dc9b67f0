package dev.lockstep.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.testkit.MockTask;
import dev.lockstep.trace.TraceEvent;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Finding large futures: what {@link Async#retainedSize} counts, and the trace note of {@link LargeFutureThreshold}. */
class AsyncRetainedSizeTest {
    static final int MIB = 1 << 20;

    /** A pending leaf that holds a buffer, as a read into a caller's buffer would. */
    record ReadInto(ByteBuffer buffer) implements Future<Integer> {
        @Override
        public Poll<Integer> poll(Context cx) {
            return Poll.pending();
        }
    }

    static Future<Void> never() {
        return cx -> Poll.pending();
    }

    /** Polls {@code f} once, so that its body is suspended, and returns its retained size. */
    static long sizeWhileSuspended(Future<?> f) {
        assertTrue(MockTask.of(f).poll().isPending());
        return Async.retainedSize(f);
    }

    @Nested
    class WhatItCounts {
        @Test
        void aSuspendedBodyHoldsWhatItsLambdaCaptured() {
            byte[] block = new byte[MIB];
            long size = sizeWhileSuspended(Async.async(a -> {
                a.await(never());
                return block.length;
            }));
            assertTrue(size >= MIB && size < MIB + 4096, "size " + size);
        }

        @Test
        void itHoldsTheFutureItAwaitsAndWhatThatHolds() {
            long size = sizeWhileSuspended(Async.async(a -> a.await(new ReadInto(ByteBuffer.allocate(256 * 1024)))));
            assertTrue(size >= 256 * 1024 && size < 256 * 1024 + 4096, "size " + size);
        }

        @Test
        void anInlineBodyIsCountedWithTheBodyAwaitingIt() {
            byte[] block = new byte[MIB];
            long size = sizeWhileSuspended(Async.async(a -> a.await(Async.async(b -> {
                b.await(never());
                return block.length;
            }))));
            assertTrue(size >= MIB, "size " + size);
        }

        @Test
        void aLocalHeldOnlyOnTheSuspendedStackIsNotCounted() {
            long size = sizeWhileSuspended(Async.async(a -> {
                byte[] local = new byte[MIB];
                a.await(never());
                return local.length;
            }));
            assertTrue(size < 4096, "size " + size);
        }

        @Test
        void theRuntimesObjectsAreNotCounted() {
            Simulation sim = Simulation.builder().build();
            long size = sizeWhileSuspended(Async.async(a -> {
                a.await(never());
                return sim.step() + a.runtime().step();
            }));
            assertTrue(size < 4096, "size " + size);
        }

        @Test
        void aCompletedBodyRetainsNothingItCaptured() {
            byte[] block = new byte[MIB];
            Future<Integer> f = Async.async(a -> block.length);
            assertTrue(Async.retainedSize(f) >= MIB);
            assertEquals(Poll.ready(MIB), MockTask.of(f).poll());
            assertTrue(Async.retainedSize(f) < 4096, "size " + Async.retainedSize(f));
        }
    }

    @Nested
    class TraceNotes {
        static List<TraceEvent.Note> notes(Simulation sim) {
            return sim.trace().events().stream()
                    .filter(e -> e instanceof TraceEvent.Note).map(e -> (TraceEvent.Note) e).toList();
        }

        static void run(Simulation sim) {
            byte[] block = new byte[MIB];
            sim.spawn("hoarder", Async.async(a -> {
                a.sleep(Duration.ofSeconds(1));
                a.sleep(Duration.ofSeconds(1));
                return block.length;
            }));
            sim.spawn("frugal", Async.async(a -> {
                a.sleep(Duration.ofSeconds(1));
                return 0;
            }));
            sim.blockOn(dev.lockstep.time.Sleep.of(Duration.ofSeconds(3)));
        }

        @Test
        void eachSuspensionOverTheThresholdIsNotedWithTaskAndWhatItAwaited() {
            Simulation sim = Simulation.builder().build();
            sim.install(LargeFutureThreshold.class, new LargeFutureThreshold(64 * 1024));
            run(sim);
            List<TraceEvent.Note> notes = notes(sim);
            assertEquals(2, notes.size(), notes.toString());
            for (TraceEvent.Note n : notes) {
                assertEquals("hoarder", n.name());
                assertTrue(n.text().startsWith("large async future: ~10") && n.text().contains("awaiting"
                        + " dev.lockstep.time.Sleep (threshold 65536 bytes"), n.text());
            }
            assertEquals(List.of(0L, 1_000_000_000L), notes.stream().map(TraceEvent::nanos).toList());
        }

        @Test
        void withoutTheServiceNothingIsNoted() {
            Simulation sim = Simulation.builder().build();
            run(sim);
            assertEquals(List.of(), notes(sim));
        }
    }
}
