package dev.lockstep.future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.testkit.MockTask;
import dev.lockstep.testkit.TestFutures;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Chains of {@code then} links, however nested: the same order, one combinator, no deep stacks. */
class ThenChainTest {
    /** Step {@code i} of a chain: expects value {@code i}, logs it, and is pending once before {@code i + 1}. */
    private static Function<Integer, Future<Integer>> step(int i, List<Integer> log) {
        return v -> {
            assertEquals(i, v, "step " + i + " got the value of the step before it");
            log.add(i);
            return TestFutures.pendingOnce(Futures.ready(i + 1));
        };
    }

    /**
     * Steps {@code lo..hi-1} after {@code start} (which yields {@code lo}), nested in a shape drawn
     * from {@code random}: left links ({@code f.then(g)}), right links (a function returning a
     * chain), splits, and maps that stop a chain from being one combinator.
     */
    private static Future<Integer> chain(Future<Integer> start, int lo, int hi, SplittableRandom random,
            List<Integer> log) {
        if (lo == hi) {
            return start;
        }
        return switch (random.nextInt(4)) {
            case 0 -> chain(start, lo, hi - 1, random, log).then(step(hi - 1, log));
            case 1 -> start.then(v -> {
                Future<Integer> next = step(lo, log).apply(v);
                return chain(next, lo + 1, hi, random, log);
            });
            case 2 -> {
                int mid = lo + random.nextInt(hi - lo + 1);
                yield chain(chain(start, lo, mid, random, log), mid, hi, random, log);
            }
            default -> chain(start, lo, hi - 1, random, log).map(x -> x).then(step(hi - 1, log));
        };
    }

    private static <T> T runToCompletion(MockTask<T> task) {
        while (true) {
            Poll<T> p = task.poll();
            if (p instanceof Poll.Ready<T> ready) {
                return ready.value();
            }
            assertTrue(task.isWoken(), "a pending chain stored the waker");
        }
    }

    @Nested
    class Order {
        @Test
        void everyShapeOfChainRunsItsStepsInOrderEachOnceOverManySeeds() {
            for (long seed = 0; seed < 300; seed++) {
                SplittableRandom random = new SplittableRandom(seed);
                int n = 1 + random.nextInt(40);
                List<Integer> log = new ArrayList<>();
                Future<Integer> f = chain(TestFutures.pendingOnce(Futures.ready(0)), 0, n, random, log);
                assertEquals(n, runToCompletion(MockTask.of(f)), "seed " + seed);
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    expected.add(i);
                }
                assertEquals(expected, log, "seed " + seed);
            }
        }
    }

    @Nested
    class LongChains {
        @Test
        void aLeftNestedChainOfAHundredThousandLinksPendingAtEachRunsWithoutADeepStack() {
            List<Integer> log = new ArrayList<>();
            Future<Integer> f = TestFutures.pendingOnce(Futures.ready(0));
            int n = 100_000;
            for (int i = 0; i < n; i++) {
                f = f.then(step(i, log));
            }
            assertEquals(n, runToCompletion(MockTask.of(f)));
            assertEquals(n, log.size());
        }

        @Test
        void aRightNestedChainOfAHundredThousandLinksPendingAtEachRunsWithoutADeepStack() {
            List<Integer> log = new ArrayList<>();
            assertEquals(100_000, runToCompletion(MockTask.of(recursive(0, 100_000, log))));
            assertEquals(100_000, log.size());
        }

        private Future<Integer> recursive(int i, int n, List<Integer> log) {
            return TestFutures.pendingOnce(Futures.ready(i)).then(v -> {
                log.add(v);
                return v + 1 == n ? Futures.ready(n) : recursive(v + 1, n, log);
            });
        }
    }

    @Nested
    class TakenOver {
        @Test
        void aLinkThatALongerChainTookOverCannotBePolledOnItsOwn() {
            Future<Integer> first = Futures.ready(1).then(x -> Futures.ready(x + 1));
            Future<Integer> longer = first.then(x -> Futures.ready(x * 10));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> MockTask.of(first).poll());
            assertTrue(e.getMessage().startsWith("then polled after it became part of a longer chain"), e.getMessage());
            assertEquals(Poll.ready(20), MockTask.of(longer).poll());
        }

        @Test
        void cancellingTheChainCancelsTheRunningFuture() {
            ProbeFuture<Integer> running = new ProbeFuture<>("running");
            Future<Integer> f = running.then(x -> Futures.ready(x + 1)).then(x -> Futures.ready(x + 1));
            MockTask.of(f).poll();
            Futures.cancel(f);
            assertTrue(running.isCancelled(), "the running future was cancelled");
        }
    }
}
