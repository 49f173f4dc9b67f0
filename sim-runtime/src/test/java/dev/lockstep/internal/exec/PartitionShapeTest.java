package dev.lockstep.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.choice.ChoiceSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The shapes a plan's partitions cut the hosts into. */
class PartitionShapeTest {
    static final List<String> CLUSTER = List.of("n1", "n2", "n3", "n4", "n5");
    static final List<String> ALL = List.of("n1", "n2", "n3", "n4", "n5", "client");

    @Nested
    class OverManySeeds {
        @Test
        void everyShapeCutsTheClusterIntoTwoDisjointSidesAndOnlyRandomReachesTheClient() {
            for (long seed = 0; seed < 500; seed++) {
                for (PartitionShape shape : PartitionShape.values()) {
                    PartitionShape.Sides s = shape.sides(ChoiceSource.seeded(seed), CLUSTER, ALL, null);
                    Set<String> both = new HashSet<>(s.small());
                    both.retainAll(s.large());
                    assertTrue(both.isEmpty(), shape + " " + s);
                    assertTrue(s.small().size() <= s.large().size(), shape + " " + s);
                    if (shape != PartitionShape.RANDOM) {
                        assertFalse(s.small().contains("client") || s.large().contains("client"), shape + " " + s);
                        assertTrue(s.splits(), shape + " " + s);
                    }
                    switch (shape) {
                        case ONE -> assertEquals(List.of(1, 4), List.of(s.small().size(), s.large().size()));
                        case MAJORITY -> assertEquals(List.of(2, 3), List.of(s.small().size(), s.large().size()));
                        case BRIDGE -> assertEquals(List.of(2, 2), List.of(s.small().size(), s.large().size()));
                        case RANDOM -> assertEquals(ALL.size(), s.small().size() + s.large().size());
                    }
                }
            }
        }

        @Test
        void theFocusIsOnTheSmallSideOfEveryClusterShape() {
            for (long seed = 0; seed < 200; seed++) {
                for (PartitionShape shape : List.of(PartitionShape.ONE, PartitionShape.MAJORITY,
                        PartitionShape.BRIDGE)) {
                    PartitionShape.Sides s = shape.sides(ChoiceSource.seeded(seed), CLUSTER, ALL, "n4");
                    assertTrue(s.small().contains("n4"), shape + " " + s);
                }
            }
        }

        @Test
        void oneCutsOffEachHostOfTheCluster() {
            Set<String> alone = new HashSet<>();
            for (long seed = 0; seed < 200; seed++) {
                alone.addAll(PartitionShape.ONE.sides(ChoiceSource.seeded(seed), CLUSTER, ALL, null).small());
            }
            assertEquals(new HashSet<>(CLUSTER), alone);
        }
    }

    @Test
    void allZeroChoicesCutOffTheFirstHost() {
        PartitionShape.Sides s = PartitionShape.draw(ChoiceSource.replay(new int[0]), CLUSTER, ALL, null);
        assertEquals(PartitionShape.ONE, s.shape());
        assertEquals(List.of("n1"), s.small());
        assertEquals(new ArrayList<>(CLUSTER.subList(1, 5)), s.large());
    }

    @Test
    void aBridgeOfThreeHostsLeavesOneHostOnNeitherSide() {
        PartitionShape.Sides s = PartitionShape.BRIDGE.sides(ChoiceSource.replay(new int[0]), List.of("a", "b", "c"),
                List.of("a", "b", "c"), null);
        assertEquals(List.of("a"), s.small());
        assertEquals(List.of("c"), s.large());
    }
}
