package dev.lockstep.property;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ShardTest {

    @Nested
    class RunSpace {
        @Test
        void everyShardCountSplitsTheRunsDisjointlyAndCompletely() {
            for (int runs : new int[] {0, 1, 3, 4, 7, 100, 1001}) {
                for (int count = 1; count <= 9; count++) {
                    TreeSet<Integer> union = new TreeSet<>();
                    int total = 0;
                    int smallest = Integer.MAX_VALUE;
                    int largest = 0;
                    for (int i = 0; i < count; i++) {
                        int[] part = new Shard(i, count).runs(runs);
                        for (int run : part) {
                            assertTrue(union.add(run), "run " + run + " is in two shards of " + count);
                            assertTrue(new Shard(i, count).contains(run));
                        }
                        total += part.length;
                        smallest = Math.min(smallest, part.length);
                        largest = Math.max(largest, part.length);
                    }
                    assertEquals(runs, total, runs + " runs over " + count + " shards");
                    assertEquals(runs == 0 ? List.of() : List.of(0, runs - 1),
                            runs == 0 ? List.of() : List.of(union.first(), union.last()));
                    assertTrue(largest - smallest <= 1, "unbalanced: " + smallest + " vs " + largest);
                }
            }
        }

        @Test
        void aShardTakesEveryNthRunFromItsIndex() {
            assertArrayEquals(new int[] {1, 5, 9}, new Shard(1, 4).runs(10));
            assertArrayEquals(new int[] {0, 1, 2}, Shard.ALL.runs(3));
            assertArrayEquals(new int[0], new Shard(3, 4).runs(3));
        }
    }

    @Nested
    class TextForm {
        @Test
        void parsesIndexSlashCount() {
            assertEquals(new Shard(2, 4), Shard.parse(" 2/4 "));
            assertEquals("2/4", new Shard(2, 4).toString());
        }

        @Test
        void rejectsMalformedShardsWithTheExpectedForm() {
            List<String> messages = new ArrayList<>();
            for (String bad : new String[] {"", "3", "a/4", "1/b", "4/4", "-1/4", "0/0"}) {
                messages.add(assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad)).getMessage());
            }
            assertEquals("shard must be written index/count, like 0/4 (0-based), got ''", messages.get(0));
            assertEquals("shard must be written index/count, like 0/4 (0-based), got '3'", messages.get(1));
            assertEquals("shard must be written index/count with two integers, like 0/4, got 'a/4'", messages.get(2));
            assertTrue(messages.get(3).contains("'1/b'"));
            assertEquals("shard index 4 is out of range for 4 shards; indices are 0-based: 0/4 .. 3/4", messages.get(4));
            assertTrue(messages.get(5).startsWith("shard index -1 is out of range"));
            assertEquals("shard count must be >= 1, got 0", messages.get(6));
        }
    }
}
