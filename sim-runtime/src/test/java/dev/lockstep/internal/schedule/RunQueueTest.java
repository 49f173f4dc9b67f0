package dev.lockstep.internal.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RunQueueTest {
    private int nextId;

    /** A queued item: only its identity matters to the queue. */
    private record Task(int id, String name) implements Schedulable {
        @Override
        public boolean isDone() {
            return false;
        }
    }

    private Task task() {
        int id = nextId++;
        return new Task(id, "t" + id);
    }

    private static List<Task> contents(RunQueue<Task> q) {
        List<Task> out = new ArrayList<>();
        for (int i = 0; i < q.size(); i++) {
            out.add(q.get(i));
        }
        return out;
    }

    @Nested
    class Order {
        @Test
        void indexZeroIsTheOldestAndRemovingKeepsTheOthersInWakeOrder() {
            RunQueue<Task> q = new RunQueue<>();
            Task a = task();
            Task b = task();
            Task c = task();
            q.add(a);
            q.add(b);
            q.add(c);
            assertSame(b, q.removeAt(1));
            assertEquals(List.of(a, c), contents(q));
            assertSame(a, q.removeAt(0));
            assertSame(c, q.removeAt(0));
            assertEquals(0, q.size());
        }

        @Test
        void randomAddsAndRemovalsAgreeWithAListWhereverTheBufferWraps() {
            SplittableRandom random = new SplittableRandom(11);
            RunQueue<Task> q = new RunQueue<>();
            List<Task> model = new ArrayList<>();
            for (int op = 0; op < 20_000; op++) {
                int what = random.nextInt(10);
                if (what < 5 || model.isEmpty()) {
                    Task t = task();
                    q.add(t);
                    model.add(t);
                } else if (what < 9) {
                    int index = random.nextInt(model.size());
                    assertSame(model.remove(index), q.removeAt(index), "removeAt(" + index + ") at op " + op);
                } else {
                    Task t = model.get(random.nextInt(model.size()));
                    model.remove(t);
                    q.remove(t);
                    assertFalse(q.remove(t));
                }
                assertEquals(model, contents(q), "contents at op " + op);
            }
        }
    }

    @Nested
    class Errors {
        @Test
        void removingPastTheEndNamesTheIndexAndTheSize() {
            RunQueue<Task> q = new RunQueue<>();
            q.add(task());
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> q.removeAt(1));
            assertEquals("1 of 1", e.getMessage());
        }
    }
}
