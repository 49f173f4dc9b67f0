package dev.lockstep.internal.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@link WakeQueue} against a list model: the same operations, the same contents, in every mix. */
class WakeQueueTest {
    /** How often each kind of operation is drawn: add, removeAt(0), removeAt(last), removeAt(any), remove(item), get(any), clear. */
    private record Mix(String name, int... weights) {}

    private static final List<Mix> MIXES = List.of(
            new Mix("uniform", 5, 1, 1, 4, 1, 2, 0),
            new Mix("fifo", 5, 5, 0, 0, 0, 1, 0),
            new Mix("mostly fifo, some middle", 6, 5, 0, 1, 0, 1, 0),
            new Mix("lifo", 5, 0, 5, 0, 0, 1, 0),
            new Mix("grow then drain at random", 9, 0, 0, 3, 0, 1, 0),
            new Mix("drains to empty often", 3, 2, 1, 2, 1, 1, 1),
            new Mix("removal by identity", 5, 0, 0, 1, 4, 1, 0));

    private static int draw(SplittableRandom random, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        throw new AssertionError();
    }

    private static void assertSameContents(List<Integer> model, WakeQueue<Integer> q, String where) {
        assertEquals(model.size(), q.size(), "size " + where);
        for (int i = 0; i < model.size(); i++) {
            assertSame(model.get(i), q.get(i), "index " + i + " " + where);
        }
    }

    /** Runs {@code ops} drawn operations of {@code mix} from {@code seed} on a queue and a list. */
    private static void agreeWithAList(Mix mix, long seed, int ops, boolean checkAll) {
        SplittableRandom random = new SplittableRandom(seed);
        WakeQueue<Integer> q = new WakeQueue<>();
        List<Integer> model = new ArrayList<>();
        int next = 0;
        for (int op = 0; op < ops; op++) {
            int what = model.isEmpty() ? 0 : draw(random, mix.weights());
            String where = "after op " + op + " of mix '" + mix.name() + "', seed " + seed;
            switch (what) {
                case 0 -> {
                    Integer boxed = Integer.valueOf(1_000_000 + next++); // beyond the box cache: distinct identities
                    q.add(boxed);
                    model.add(boxed);
                }
                case 1 -> assertSame(model.remove(0), q.removeAt(0), where);
                case 2 -> assertSame(model.remove(model.size() - 1), q.removeAt(model.size()), where);
                case 3 -> {
                    int index = random.nextInt(model.size());
                    assertSame(model.remove(index), q.removeAt(index), "removeAt(" + index + ") " + where);
                }
                case 4 -> {
                    int index = random.nextInt(model.size());
                    Integer item = model.remove(index);
                    assertTrue(q.remove(item), where);
                    assertEquals(false, q.remove(item), where);
                }
                case 5 -> {
                    int index = random.nextInt(model.size());
                    assertSame(model.get(index), q.get(index), "get(" + index + ") " + where);
                }
                case 6 -> {
                    model.clear();
                    q.clear();
                }
                default -> throw new AssertionError(what);
            }
            if (checkAll || op % 97 == 0) {
                assertSameContents(model, q, where);
            }
        }
        assertSameContents(model, q, "at the end of mix '" + mix.name() + "', seed " + seed);
    }

    @Nested
    class AgreesWithAListModel {
        @Test
        void inEveryMixOfOperationsOverManySeeds() {
            for (Mix mix : MIXES) {
                for (long seed = 0; seed < 60; seed++) {
                    agreeWithAList(mix, seed, 600, true);
                }
            }
        }

        @Test
        void inLongRunsThatCompactAndGrowTheArrayManyTimes() {
            for (Mix mix : MIXES) {
                for (long seed = 100; seed < 104; seed++) {
                    agreeWithAList(mix, seed, 40_000, false);
                }
            }
        }
    }

    @Nested
    class Order {
        @Test
        void indexIIsTheIthOldestAcrossEmptySparseAndFullWordsOfSlots() {
            // 10,000 items; then whole runs of 64 and more removed, single holes, and untouched
            // stretches, so the index's words are empty, sparse and full side by side.
            WakeQueue<Integer> q = new WakeQueue<>();
            List<Integer> model = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                Integer item = i;
                q.add(item);
                model.add(item);
            }
            SplittableRandom random = new SplittableRandom(3);
            for (int round = 0; round < 40; round++) {
                int at = random.nextInt(model.size() - 200);
                int run = random.nextInt(4) == 0 ? 1 : 64 + random.nextInt(100);
                for (int k = 0; k < run; k++) {
                    assertSame(model.remove(at), q.removeAt(at), "run " + round + ", removal " + k);
                }
                assertSameContents(model, q, "after run " + round);
            }
        }

        @Test
        void indexIIsTheIthOldestAddAfterRemovalsFromTheMiddle() {
            WakeQueue<String> q = new WakeQueue<>();
            for (String s : List.of("a", "b", "c", "d", "e")) {
                q.add(s);
            }
            assertEquals("c", q.removeAt(2));
            assertEquals("b", q.removeAt(1));
            q.add("f");
            assertEquals(List.of("a", "d", "e", "f"), List.of(q.get(0), q.get(1), q.get(2), q.get(3)));
        }

        @Test
        void aQueueThatEmptiedStartsOverInWakeOrder() {
            WakeQueue<String> q = new WakeQueue<>();
            q.add("a");
            q.add("b");
            q.add("c");
            q.removeAt(1);
            q.removeAt(0);
            q.removeAt(0);
            q.add("d");
            q.add("e");
            assertEquals("d", q.get(0));
            assertEquals("e", q.removeAt(1));
            assertEquals(1, q.size());
        }
    }

    @Nested
    class Errors {
        @Test
        void getAndRemovePastTheEndNameTheIndexAndTheSize() {
            WakeQueue<String> q = new WakeQueue<>();
            q.add("a");
            assertEquals("1 of 1", assertThrows(IndexOutOfBoundsException.class, () -> q.get(1)).getMessage());
            assertEquals("-1 of 1", assertThrows(IndexOutOfBoundsException.class, () -> q.removeAt(-1)).getMessage());
        }
    }
}
