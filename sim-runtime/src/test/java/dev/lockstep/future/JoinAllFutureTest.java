package dev.lockstep.future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.runtime.Simulation;
import dev.lockstep.testkit.MockTask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JoinAllFutureTest {

    private static List<ProbeFuture<Integer>> probes(int n) {
        List<ProbeFuture<Integer>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ProbeFuture<>("p" + i));
        }
        return out;
    }

    @Nested
    class Completion {
        @Test
        void anEmptyListCompletesAtOnceWithAnEmptyList() {
            assertEquals(Poll.ready(List.of()), MockTask.of(Futures.<Integer>joinAll(List.of())).poll());
        }

        @Test
        void resultsAreInInputOrderWhateverTheCompletionOrder() {
            for (long seed = 0; seed < 100; seed++) {
                Simulation sim = Simulation.builder().seed(seed).build();
                int n = 1 + sim.choices().choose(6);
                List<ProbeFuture<Integer>> probes = probes(n);
                MockTask<List<Integer>> task = MockTask.of(Futures.joinAll(probes), sim);
                List<Integer> remaining = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    remaining.add(i);
                }
                Poll<List<Integer>> p = task.poll();
                while (!remaining.isEmpty()) {
                    assertTrue(p.isPending(), "seed " + seed);
                    int i = remaining.remove(sim.choices().choose(remaining.size()));
                    assertTrue(probes.get(i).complete(i * 10), "every incomplete child holds the waker, seed " + seed);
                    assertTrue(task.isWoken());
                    p = task.poll();
                }
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    expected.add(i * 10);
                }
                assertEquals(Poll.ready(expected), p, "seed " + seed);
            }
        }

        @Test
        void keepsNullValues() {
            MockTask<List<String>> task = MockTask.of(Futures.joinAll(List.of(Futures.ready("a"), Futures.ready(null))));
            assertEquals(Arrays.asList("a", null), task.poll().value());
        }

        @Test
        void theResultCannotBeModified() {
            List<String> out = MockTask.of(Futures.joinAll(List.of(Futures.ready("a")))).poll().value();
            assertThrows(UnsupportedOperationException.class, () -> out.add("b"));
        }

        @Test
        void throwsWhenPolledAfterCompletion() {
            MockTask<List<Integer>> task = MockTask.of(Futures.<Integer>joinAll(List.of()));
            task.poll();
            IllegalStateException e = assertThrows(IllegalStateException.class, task::poll);
            assertTrue(e.getMessage().contains("joinAll polled after completion"), e.getMessage());
        }
    }

    @Nested
    class Errors {
        @Test
        void aFailingChildCancelsEveryOtherIncompleteChild() {
            List<ProbeFuture<Integer>> p = probes(4);
            p.get(0).complete(0);
            MockTask<List<Integer>> task = MockTask.of(Futures.joinAll(p));
            task.poll();
            p.get(2).fail(new IllegalStateException("boom"));
            assertEquals("boom", assertThrows(IllegalStateException.class, task::poll).getMessage());
            assertFalse(p.get(0).isCancelled(), "completed");
            assertTrue(p.get(1).isCancelled());
            assertFalse(p.get(2).isCancelled(), "the one that failed");
            assertTrue(p.get(3).isCancelled());
            assertEquals(1, p.get(3).polls(), "children after the failing one are not polled in that poll");
        }
    }

    @Nested
    class Cancel {
        @Test
        void cancelsEachIncompleteChildOnce() {
            List<ProbeFuture<Integer>> p = probes(3);
            p.get(1).complete(1);
            Future<List<Integer>> all = Futures.joinAll(p);
            MockTask.of(all).poll();
            Futures.cancel(all);
            Futures.cancel(all);
            assertEquals(List.of(1, 0, 1), p.stream().map(ProbeFuture::cancels).toList());
        }
    }
}
