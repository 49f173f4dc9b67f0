package dev.lockstep.future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.testkit.MockTask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RaceFutureTest {

    private static List<ProbeFuture<Integer>> probes(int n) {
        List<ProbeFuture<Integer>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ProbeFuture<>("p" + i));
        }
        return out;
    }

    private static Simulation scripted(int... choices) {
        return Simulation.builder().choices(ChoiceSource.replay(choices)).build();
    }

    @Nested
    class TheWinner {
        @Test
        void isTheFirstToCompleteAndAllOthersAreCancelled() {
            for (long seed = 0; seed < 100; seed++) {
                Simulation sim = Simulation.builder().seed(seed).build();
                int n = 1 + sim.choices().choose(5);
                int winner = sim.choices().choose(n);
                List<ProbeFuture<Integer>> p = probes(n);
                MockTask<Integer> task = MockTask.of(Futures.race(p), sim);
                assertTrue(task.poll().isPending());
                assertTrue(task.poll().isPending(), "a spurious poll changes nothing");
                p.get(winner).complete(winner);
                assertTrue(task.isWoken());
                assertEquals(Poll.ready(winner), task.poll(), "seed " + seed);
                for (int i = 0; i < n; i++) {
                    assertEquals(i == winner ? 0 : 1, p.get(i).cancels(), "probe " + i + ", seed " + seed);
                }
            }
        }

        @Test
        void whenSeveralAreReadyIsTheOneAtTheChosenStartIndex() {
            for (int start = 0; start < 3; start++) {
                List<ProbeFuture<Integer>> p = probes(3);
                p.forEach(f -> f.complete(p.indexOf(f)));
                assertEquals(Poll.ready(start), MockTask.of(Futures.race(p), scripted(start)).poll());
                for (int i = 0; i < 3; i++) {
                    assertEquals(i == start ? 1 : 0, p.get(i).polls(), "only the child at the start index was polled");
                }
            }
        }

        @Test
        void goesRoundTheListFromTheStartIndex() {
            List<ProbeFuture<Integer>> p = probes(3);
            p.get(0).complete(0);
            p.get(1).complete(1);
            // Start at 2 (pending), then wrap to 0 before 1.
            assertEquals(Poll.ready(0), MockTask.of(Futures.race(p), scripted(2)).poll());
            assertTrue(p.get(1).isCancelled());
        }

        @Test
        void aRaceOfOneDrawsNoChoice() {
            Simulation sim = Simulation.builder().seed(1).build();
            MockTask.of(Futures.race(List.of(Futures.ready(1))), sim).poll();
            assertEquals(0, sim.choices().recordedCount());
        }
    }

    @Nested
    class Errors {
        @Test
        void aFailingChildCancelsAllOthersAndPropagates() {
            List<ProbeFuture<Integer>> p = probes(3);
            p.get(1).fail(new IllegalStateException("boom"));
            MockTask<Integer> task = MockTask.of(Futures.race(p), scripted(1));
            assertEquals("boom", assertThrows(IllegalStateException.class, task::poll).getMessage());
            assertEquals(List.of(1, 0, 1), p.stream().map(ProbeFuture::cancels).toList());
            IllegalStateException e = assertThrows(IllegalStateException.class, task::poll);
            assertTrue(e.getMessage().contains("race polled after completion"), e.getMessage());
        }
    }

    @Nested
    class Cancel {
        @Test
        void cancelsEveryChildOnce() {
            List<ProbeFuture<Integer>> p = probes(3);
            Future<Integer> race = Futures.race(p);
            MockTask<Integer> task = MockTask.of(race);
            task.poll();
            Futures.cancel(race);
            Futures.cancel(race);
            assertEquals(List.of(1, 1, 1), p.stream().map(ProbeFuture::cancels).toList());
            IllegalStateException e = assertThrows(IllegalStateException.class, task::poll);
            assertTrue(e.getMessage().contains("race polled after cancel"), e.getMessage());
        }
    }
}
