package dev.lockstep.internal.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TimerQueueTest {

    private static TimerEntry timer(long deadline) {
        return new TimerEntry(null, deadline, -1, "-", null, () -> {});
    }

    @Nested
    class Order {
        @Test
        void timersPopInDeadlineOrderAndEqualDeadlinesInRegistrationOrder() {
            TimerQueue q = new TimerQueue();
            TimerEntry late = timer(30);
            TimerEntry firstAt10 = timer(10);
            TimerEntry early = timer(5);
            TimerEntry secondAt10 = timer(10);
            for (TimerEntry e : List.of(late, firstAt10, early, secondAt10)) {
                q.add(e);
            }
            assertEquals(5, q.peekDeadline());
            assertSame(early, q.poll());
            assertSame(firstAt10, q.poll());
            assertSame(secondAt10, q.poll());
            assertSame(late, q.poll());
            assertTrue(q.isEmpty());
        }

        @Test
        void randomAddsCancelsAndPopsAgreeWithASortedSet() {
            SplittableRandom random = new SplittableRandom(7);
            TimerQueue q = new TimerQueue();
            TreeSet<TimerEntry> model = new TreeSet<>(
                    Comparator.<TimerEntry>comparingLong(e -> e.deadline).thenComparingLong(e -> e.seq));
            List<TimerEntry> all = new ArrayList<>();
            for (int op = 0; op < 20_000; op++) {
                int what = random.nextInt(10);
                if (what < 5 || model.isEmpty()) {
                    TimerEntry e = timer(random.nextLong(0, 500));
                    q.add(e);
                    model.add(e);
                    all.add(e);
                } else if (what < 8) {
                    TimerEntry e = all.get(random.nextInt(all.size()));
                    assertEquals(model.remove(e), q.remove(e), "cancel of " + e + " at op " + op);
                    assertFalse(e.isActive());
                } else {
                    assertSame(model.pollFirst(), q.poll(), "pop at op " + op);
                }
                assertEquals(model.size(), q.size());
                if (!model.isEmpty()) {
                    assertEquals(model.first().deadline, q.peekDeadline(), "earliest deadline at op " + op);
                }
            }
        }
    }

    @Nested
    class Cancellation {
        @Test
        void aCancelledTimerIsNoLongerQueuedAndCancellingTwiceDoesNothing() {
            TimerQueue q = new TimerQueue();
            TimerEntry a = timer(1);
            TimerEntry b = timer(2);
            q.add(a);
            q.add(b);
            assertTrue(q.remove(a));
            assertFalse(q.remove(a));
            assertEquals(1, q.size());
            assertSame(b, q.poll());
        }

        @Test
        void cancellingMostTimersKeepsTheRestInOrderAndTheQueueSmall() {
            SplittableRandom random = new SplittableRandom(11);
            TimerQueue q = new TimerQueue();
            TreeSet<TimerEntry> model = new TreeSet<>(
                    Comparator.<TimerEntry>comparingLong(e -> e.deadline).thenComparingLong(e -> e.seq));
            List<TimerEntry> all = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                TimerEntry e = timer(random.nextLong(0, 1_000));
                q.add(e);
                model.add(e);
                all.add(e);
            }
            for (int i = 0; i < 9_000; i++) {
                TimerEntry e = all.get(random.nextInt(all.size()));
                assertEquals(model.remove(e), q.remove(e));
            }
            assertEquals(model.size(), q.size());
            assertEquals(model.size(), q.snapshot().length);
            while (!model.isEmpty()) {
                assertSame(model.pollFirst(), q.poll());
            }
            assertTrue(q.isEmpty());
        }
    }

    /**
     * The queue against a sorted set of (firing key, registration) over many seeds, in the shapes a
     * simulation makes: a clock that only moves forward, bursts that grow the queue past the
     * heap's limit and drains that shrink it back, equal deadlines, late re-queues and cancels.
     */
    @Nested
    class AgainstAModel {
        private record Item(long key, long seq, TimerEntry entry) {}

        private static final Comparator<Item> ORDER = Comparator.comparingLong(Item::key).thenComparingLong(Item::seq);

        @Test
        void clockDrivenRunsFireInDeadlineThenRegistrationOrderOverManySeeds() {
            for (int seed = 0; seed < 300; seed++) {
                run(seed, 1L << (4 + seed % 40), false);
            }
        }

        @Test
        void keysAnywhereInTheLongRangeKeepTheirOrder() {
            for (int seed = 0; seed < 100; seed++) {
                run(seed, Long.MAX_VALUE, true);
            }
        }

        private void run(int seed, long span, boolean anywhere) {
            SplittableRandom random = new SplittableRandom(seed);
            TimerQueue q = new TimerQueue();
            TreeSet<Item> model = new TreeSet<>(ORDER);
            Map<TimerEntry, Item> byEntry = new IdentityHashMap<>();
            List<TimerEntry> all = new ArrayList<>();
            long now = 0;
            int burst = 1 + random.nextInt(4 * TimerQueue.SMALL);
            for (int op = 0; op < 4_000; op++) {
                String at = "seed " + seed + ", op " + op;
                int what = random.nextInt(20);
                if (model.size() < burst && what < 12) {
                    long key;
                    if (anywhere) {
                        key = random.nextInt(8) == 0 ? Long.MAX_VALUE : random.nextLong(0, Long.MAX_VALUE);
                    } else if (!model.isEmpty() && random.nextInt(6) == 0) {
                        key = model.first().key() + random.nextInt(3) - 1; // ties and just-before-the-front
                        key = Math.max(now, key);
                    } else {
                        key = saturated(now, random.nextLong(span));
                    }
                    TimerEntry e = timer(key);
                    q.add(e);
                    put(model, byEntry, new Item(key, e.seq, e));
                    all.add(e);
                } else if (what < 15 && !all.isEmpty()) {
                    TimerEntry e = all.get(random.nextInt(all.size()));
                    Item item = byEntry.remove(e);
                    if (item != null) {
                        model.remove(item);
                    }
                    assertEquals(item != null, q.remove(e), "cancel at " + at);
                } else if (!model.isEmpty()) {
                    assertEquals(model.first().key(), q.peekDeadline(), "front at " + at);
                    now = Math.max(now, model.first().key());
                    Item first = model.pollFirst();
                    byEntry.remove(first.entry());
                    TimerEntry e = q.poll();
                    assertSame(first.entry(), e, "pop at " + at);
                    assertFalse(e.isActive());
                    if (random.nextInt(10) == 0) {
                        long late = saturated(first.key(), random.nextLong(1 + span / 8));
                        q.addAt(e, late); // a timer fault: the same timer, later
                        put(model, byEntry, new Item(late, e.seq, e));
                    }
                } else {
                    burst = 1 + random.nextInt(4 * TimerQueue.SMALL); // drained: the next burst
                }
                assertEquals(model.size(), q.size(), "size at " + at);
                if (op % 64 == 0) {
                    assertEquals(model.size(), q.snapshot().length, "snapshot at " + at);
                }
            }
            while (!model.isEmpty()) {
                assertSame(model.pollFirst().entry(), q.poll(), "final drain, seed " + seed);
            }
            assertTrue(q.isEmpty());
        }

        private static long saturated(long a, long b) {
            long sum = a + b;
            return sum < a ? Long.MAX_VALUE : sum;
        }

        private static void put(TreeSet<Item> model, Map<TimerEntry, Item> byEntry, Item item) {
            model.add(item);
            byEntry.put(item.entry(), item);
        }
    }
}
