package dev.lockstep.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RunSeedsTest {

    @Nested
    class RunSeedsFromABaseSeed {
        @Test
        void runIIsTheIthLongOfASplittableRandomWithTheBaseSeed() {
            for (long base : new long[] {0, 1, -7, 42, Long.MAX_VALUE}) {
                SplittableRandom random = new SplittableRandom(base);
                for (int run = 0; run < 200; run++) {
                    assertEquals(random.nextLong(), RunSeeds.of(base, run), "base " + base + ", run " + run);
                }
            }
        }

        @Test
        void aThousandRunsGetAThousandDistinctSeeds() {
            Set<Long> seeds = new HashSet<>();
            for (int run = 0; run < 1000; run++) {
                seeds.add(RunSeeds.of(5, run));
            }
            assertEquals(1000, seeds.size());
        }

        @Test
        void aNegativeRunIndexIsRejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunSeeds.of(1, -1));
            assertEquals("run index must be >= 0, got -1", e.getMessage());
        }
    }

    @Nested
    class SeedsFromNames {
        @Test
        void aNameAlwaysGivesTheSameSeedOnEveryJvm() {
            // Pinned (computed independently): a change here changes every @SimTest's default runs.
            assertEquals(RunSeeds.fromName("a.B#c"), RunSeeds.fromName("a.B#c"));
            assertEquals(0x0e1650961e85cc8dL, RunSeeds.fromName("dev.lockstep.Example#test"));
        }

        @Test
        void differentNamesGiveDifferentSeeds() {
            assertNotEquals(RunSeeds.fromName("a.B#c"), RunSeeds.fromName("a.B#d"));
        }
    }
}
