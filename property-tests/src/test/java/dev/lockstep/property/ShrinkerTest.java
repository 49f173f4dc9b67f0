package dev.lockstep.property;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.choice.ChoiceSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ShrinkerTest {

    /** Shrinks {@code start}, which must fail {@code scenario}; counts the trial runs in {@code runs}. */
    private static ShrinkOutcome shrink(Scenario scenario, int[] start, Duration budget, LongSupplier clock,
            AtomicInteger runs) {
        Trial trial = new Trial(scenario, Property.of("shrinker test", scenario).settings());
        RunResult first = trial.run(0, ChoiceSource.replay(start));
        assertTrue(first.failed(), "the start must fail");
        Shrinker shrinker = new Shrinker(c -> {
            runs.incrementAndGet();
            return trial.run(0, ChoiceSource.replay(c));
        }, first.signature(), budget, clock);
        return shrinker.shrink(first, 1);
    }

    private static ShrinkOutcome shrink(Scenario scenario, int... start) {
        return shrink(scenario, start, Duration.ofSeconds(30), System::nanoTime, new AtomicInteger());
    }

    @Nested
    class Passes {
        @Test
        void aValueIsLoweredToTheSmallestThatStillFails() {
            ShrinkOutcome s = shrink((sim, run) -> assertTrue(sim.choices().between(0, 1000) < 337), 900);
            assertArrayEquals(new int[] {337}, s.best().choices());
            assertFalse(s.timedOut());
        }

        @Test
        void aListShrinksToOneElementOfTheThreshold() {
            // n values, failing when their sum reaches 10: the shortest failure is one value of 10.
            Scenario sumBelowTen = (sim, run) -> {
                long n = sim.choices().between(0, 10);
                long sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += sim.choices().between(0, 100);
                }
                assertTrue(sum < 10, "sum " + sum);
            };
            ShrinkOutcome s = shrink(sumBelowTen, 6, 3, 3, 3, 3, 3, 3);
            assertArrayEquals(new int[] {1, 10}, Shrinker.trim(s.best().choices()));
        }

        @Test
        void theFailureStaysAtTheSameAssertion() {
            // From 90 the smallest failing value is 1, but 1..9 fail at another assertion.
            ShrinkOutcome s = shrink((sim, run) -> PlantedBugs.twoAssertions(sim), 90);
            assertArrayEquals(new int[] {10}, s.best().choices());
            assertTrue(s.best().failure().getMessage().startsWith("big value"), s.best().failure().getMessage());
        }

        @Test
        void theFailureKeepsItsExceptionType() {
            // Values of 50 and more throw IllegalStateException, 1..49 an assertion: the shrink stops at 50.
            Scenario scenario = (sim, run) -> {
                long v = sim.choices().between(0, 100);
                if (v >= 50) {
                    throw new IllegalStateException("v=" + v);
                }
                assertEquals(0, v);
            };
            assertArrayEquals(new int[] {50}, shrink(scenario, 77).best().choices());
        }

        @Test
        void adjacentPairsAreSorted() {
            Scenario scenario = (sim, run) -> {
                List<Long> pair = List.of(sim.choices().between(0, 9), sim.choices().between(0, 9));
                assertFalse(pair.contains(1L) && pair.contains(2L), "pair " + pair);
            };
            assertArrayEquals(new int[] {1, 2}, shrink(scenario, 2, 1).best().choices());
        }

        @Test
        void aScheduleGetsShorterByRunningTheDecisiveTaskSooner() {
            // Found by a seeded run as 8 choices; the deleting and lowering passes alone stop at 7.
            int[] seeded = {0, 3, 0, 1, 0, 0, 1, 0};
            ShrinkOutcome s = shrink((sim, run) -> PlantedBugs.staleCache(sim), seeded);
            assertArrayEquals(new int[] {0, 1, 2, 3}, Shrinker.trim(s.best().choices()));
        }

        @Test
        void twoDelaysWhoseTotalMattersBecomeOne() {
            // A timeout fires when the two legs of a round trip take 40 together; the second leg is at
            // most 30, so moving the first onto it does not fail, but moving the second onto the first does.
            Scenario roundTrip = (sim, run) -> {
                if (sim.choices().choose(2) == 1) {
                    long there = sim.choices().between(0, 100);
                    long back = sim.choices().between(0, 30);
                    assertTrue(there + back < 40, "timed out after " + (there + back));
                }
            };
            int[] shrunk = Shrinker.trim(shrink(roundTrip, 1, 17, 23).best().choices());
            assertArrayEquals(new int[] {1, 40}, shrunk, java.util.Arrays.toString(shrunk));
        }

        @Test
        void valuesThatMustStayEqualAreLoweredTogether() {
            // Lowering either value alone passes; the smallest failure is both at 3.
            Scenario equalAndBig = (sim, run) -> {
                long x = sim.choices().between(0, 100);
                long y = sim.choices().between(0, 100);
                assertFalse(x == y && x >= 3, "x = y = " + x);
            };
            assertArrayEquals(new int[] {3, 3}, Shrinker.trim(shrink(equalAndBig, 70, 70).best().choices()));
        }

        @Test
        void theResultReplaysToTheSameFailure() {
            ShrinkOutcome s = shrink((sim, run) -> PlantedBugs.bigValueAndReversedOrder(sim), 5, 23, 77, 12, 90, 3, 2, 1, 1);
            Trial trial = new Trial(Scenario.of(PlantedBugs::bigValueAndReversedOrder),
                    Property.of("x", PlantedBugs::bigValueAndReversedOrder).settings());
            RunResult again = trial.run(0, ChoiceSource.replay(s.best().choices()));
            assertEquals(s.best().signature(), again.signature());
            assertEquals(s.best().traceHash(), again.traceHash());
        }

        @Test
        void aStartThatDoesNotFailIsRejected() {
            Trial trial = new Trial(Scenario.of(sim -> {}), Property.of("x", sim -> {}).settings());
            RunResult passing = trial.run(0, ChoiceSource.replay(new int[0]));
            RunResult failing = new Trial(Scenario.of(PlantedBugs::twoAssertions),
                    Property.of("x", PlantedBugs::twoAssertions).settings()).run(0, ChoiceSource.replay(new int[] {5}));
            Shrinker shrinker = new Shrinker(c -> passing, failing.signature(), Duration.ofSeconds(1), System::nanoTime);
            assertThrows(IllegalArgumentException.class, () -> shrinker.shrink(passing, 0));
        }
    }

    @Nested
    class Budget {
        @Test
        void theShrinkStopsWhenTheTimeIsSpentAndSaysSo() {
            AtomicLong now = new AtomicLong();
            LongSupplier clock = () -> now.addAndGet(1_000_000_000L); // every reading: one second later
            AtomicInteger runs = new AtomicInteger();
            ShrinkOutcome s = shrink((sim, run) -> assertTrue(sim.choices().between(0, 1000) < 337), new int[] {900},
                    Duration.ofSeconds(5), clock, runs);
            assertTrue(s.timedOut());
            assertTrue(s.runs() < 6, "runs " + s.runs());
            assertEquals(runs.get() + 1, s.runs(), "runs counts every trial plus the start");
            assertTrue(s.best().failed());
            assertTrue(s.best().choices()[0] >= 337);
        }

        @Test
        void anUnhurriedShrinkCountsEveryRun() {
            AtomicInteger runs = new AtomicInteger();
            ShrinkOutcome s = shrink((sim, run) -> assertTrue(sim.choices().between(0, 1000) < 337), new int[] {900},
                    Duration.ofSeconds(30), System::nanoTime, runs);
            assertEquals(runs.get() + 1, s.runs());
            assertFalse(s.timedOut());
        }
    }

    @Nested
    class Order {
        @Test
        void shorterIsSmallerThenLexicographic() {
            assertTrue(Shrinker.compare(new int[] {9}, new int[] {0, 0}) < 0);
            assertTrue(Shrinker.compare(new int[] {1, 2}, new int[] {2, 1}) < 0);
            assertEquals(0, Shrinker.compare(new int[] {1, 2}, new int[] {1, 2}));
        }

        @Test
        void trailingZerosAreTrimmed() {
            assertArrayEquals(new int[] {0, 3}, Shrinker.trim(new int[] {0, 3, 0, 0}));
            assertArrayEquals(new int[0], Shrinker.trim(new int[] {0, 0}));
        }
    }
}
