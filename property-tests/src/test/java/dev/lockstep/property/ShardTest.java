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
    class AReport {
        @Test
        void namesTheOverridesThatMakeAShardsFailureTheLastRunAgain() {
            // Shard 1/2 runs 1, 3, 5, ...: its first failure is run 3, but unsharded run 0 fails first.
            Scenario failsFromRunThreeAndAtZero = (sim, run) -> {
                if (run == 0 || run >= 3) {
                    throw new AssertionError("run " + run + " fails");
                }
            };
            FailureReport found = Property.of("sharded", failsFromRunThreeAndAtZero).runs(10).seed(7)
                    .shard(new Shard(1, 2)).warnings(w -> {}).check().failure().orElseThrow();
            assertEquals(3, found.run());
            String line = found.source().substring(found.source().indexOf("last run of ") + "last run of ".length());
            java.util.Map<String, String> env = new java.util.HashMap<>();
            for (String pair : line.strip().split(" ")) {
                env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
            assertEquals("1/2", env.get("LOCKSTEP_SHARD"), found.source());
            FailureReport again = Property.of("sharded", failsFromRunThreeAndAtZero).runs(10).warnings(w -> {})
                    .apply(Overrides.from(k -> null, env::get)).check().failure().orElseThrow();
            assertEquals(3, again.run(), again.source());
        }

        @Test
        void ofAnUnshardedRunNamesNoShard() {
            FailureReport found = Property.of("unsharded", (sim, run) -> {
                throw new AssertionError("fails");
            }).runs(10).warnings(w -> {}).check().failure().orElseThrow();
            assertTrue(found.source().endsWith("LOCKSTEP_RUNS=1 LOCKSTEP_STORE=off"), found.source());
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
