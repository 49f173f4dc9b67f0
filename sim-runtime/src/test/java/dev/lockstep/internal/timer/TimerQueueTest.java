package dev.lockstep.internal.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
}
