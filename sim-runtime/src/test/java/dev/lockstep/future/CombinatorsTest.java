package dev.lockstep.future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.testkit.MockTask;
import dev.lockstep.testkit.TestFutures;
import dev.lockstep.testkit.Wakers;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Properties every combinator must keep whatever its children do, checked over many seeds: the
 * children are probes wrapped at random in {@link TestFutures#pendingOnce} or
 * {@link TestFutures#interleavePending}, completed one at a time in an order drawn from the run's
 * choices, with spurious polls (polls without a wake) drawn in between.
 *
 * <p>For every run: the result is the one the completion order implies; a poll without a wake
 * returns {@code Pending}; completing a child that holds a waker wakes the task (no lost wakeup);
 * no child is polled after it completed or was cancelled (the probes fail the test if so); exactly
 * the losers of {@code select} and {@code race} are cancelled; and a fused combinator stays
 * {@code Pending} after completion.
 */
class CombinatorsTest {
    private static final int RUNS = 300;

    /** What a run builds: the future over the probes, and the result a completion order implies. */
    private record Scenario(
            String name, Future<?> future, List<ProbeFuture<Integer>> probes,
            Function<List<Integer>, Object> expected, boolean cancelsLosers) {}

    private static int value(int i) {
        return 100 + i;
    }

    private enum Wrapping { NONE, PENDING_ONCE, INTERLEAVE_PENDING, RANDOM }

    private static <T> Future<T> wrap(Future<T> f, Wrapping w, ChoiceSource choices) {
        Wrapping pick = w == Wrapping.RANDOM ? Wrapping.values()[choices.choose(3)] : w;
        return switch (pick) {
            case NONE, RANDOM -> f;
            case PENDING_ONCE -> TestFutures.pendingOnce(f);
            case INTERLEAVE_PENDING -> TestFutures.interleavePending(f);
        };
    }

    private static List<ProbeFuture<Integer>> probes(int n) {
        List<ProbeFuture<Integer>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ProbeFuture<>("p" + i));
        }
        return out;
    }

    private static Scenario scenario(int kind, Wrapping w, ChoiceSource c) {
        switch (kind) {
            case 0 -> {
                List<ProbeFuture<Integer>> p = probes(2);
                return new Scenario("join", Futures.join(wrap(p.get(0), w, c), wrap(p.get(1), w, c)), p,
                        order -> new Both<>(value(0), value(1)), false);
            }
            case 1 -> {
                List<ProbeFuture<Integer>> p = probes(2);
                return new Scenario("select", Futures.select(wrap(p.get(0), w, c), wrap(p.get(1), w, c)), p,
                        order -> order.get(0) == 0 ? Either.left(value(0)) : Either.right(value(1)), true);
            }
            case 2 -> {
                List<ProbeFuture<Integer>> p = probes(1 + c.choose(5));
                List<Future<Integer>> wrapped = p.stream().map(f -> wrap(f, w, c)).toList();
                return new Scenario("joinAll", Futures.joinAll(wrapped), p,
                        order -> p.stream().map(f -> value(p.indexOf(f))).toList(), false);
            }
            case 3 -> {
                List<ProbeFuture<Integer>> p = probes(1 + c.choose(5));
                List<Future<Integer>> wrapped = p.stream().map(f -> wrap(f, w, c)).toList();
                return new Scenario("race", Futures.race(wrapped), p, order -> value(order.get(0)), true);
            }
            case 4 -> {
                List<ProbeFuture<Integer>> p = probes(1);
                return new Scenario("map", Futures.map(wrap(p.get(0), w, c), x -> x + 1), p,
                        order -> value(0) + 1, false);
            }
            default -> {
                List<ProbeFuture<Integer>> p = probes(2);
                Future<Integer> second = wrap(p.get(1), w, c);
                return new Scenario("then", Futures.then(wrap(p.get(0), w, c), x -> second.map(y -> x * 1000 + y)),
                        p, order -> value(0) * 1000 + value(1), false);
            }
        }
    }

    /** Builds and drives one run; fails with the seed and scenario on any broken property. */
    private static void run(long seed, Wrapping w, double spuriousPollChance) {
        run(seed, w, spuriousPollChance, c -> scenario(c.choose(6), w, c));
    }

    private static void run(long seed, Wrapping w, double spuriousPollChance, Function<ChoiceSource, Scenario> build) {
        Simulation sim = Simulation.builder().seed(seed).build();
        ChoiceSource c = sim.choices();
        Scenario s = build.apply(c);
        boolean fused = c.chance(0.5);
        Future<?> top = wrap(s.future(), w, c);
        @SuppressWarnings({"unchecked", "rawtypes"})
        MockTask<Object> task = MockTask.of(fused ? Futures.fuse((Future) top) : (Future<Object>) top, sim);
        String where = s.name() + " (" + s.probes().size() + " children, " + w + ", fused=" + fused + ") seed " + seed;

        List<Integer> order = new ArrayList<>();
        Poll<Object> p = task.poll();
        for (int step = 0; p.isPending(); step++) {
            if (step > 1_000) {
                fail("no progress after 1000 steps: " + where);
            }
            if (task.isWoken()) {
                p = task.poll();
                continue;
            }
            if (c.chance(spuriousPollChance)) {
                assertTrue(task.poll().isPending(), "a poll without a wake completed: " + where);
                continue;
            }
            List<ProbeFuture<Integer>> open = s.probes().stream()
                    .filter(f -> !f.isCompleted() && !f.isCancelled()).toList();
            if (open.isEmpty()) {
                fail("pending, not woken, and nothing left to complete (lost wakeup): " + where);
            }
            ProbeFuture<Integer> next = open.get(c.choose(open.size()));
            boolean heldWaker = next.hasWaker();
            next.complete(value(s.probes().indexOf(next)));
            order.add(s.probes().indexOf(next));
            assertEquals(heldWaker, task.isWoken(), "completing " + next + " and the task's wake: " + where);
        }

        assertEquals(Poll.ready(s.expected().apply(order)), p, where);
        for (int i = 0; i < s.probes().size(); i++) {
            boolean loser = s.cancelsLosers() && i != order.get(0);
            assertEquals(loser ? 1 : 0, s.probes().get(i).cancels(), "cancels of p" + i + ": " + where);
        }
        if (fused) {
            assertTrue(task.poll().isPending(), "a fused combinator is Pending after completion: " + where);
        }
    }

    @Nested
    class UnderSpuriousPolls {
        @Test
        void everyCombinatorKeepsItsResultWhenPolledWithoutAWake() {
            for (long seed = 0; seed < RUNS; seed++) {
                run(seed, Wrapping.NONE, 0.5);
            }
        }

        @Test
        void anExtraPollWhilePendingNeverCompletesOrBreaksAChild() {
            for (long seed = 0; seed < RUNS; seed++) {
                run(seed, Wrapping.NONE, 0.95);
            }
        }
    }

    @Nested
    class UnderPendingOnce {
        @Test
        void everyCombinatorCompletesWithTheSameResult() {
            for (long seed = 0; seed < RUNS; seed++) {
                run(seed, Wrapping.PENDING_ONCE, 0.3);
            }
        }
    }

    @Nested
    class UnderInterleavePending {
        @Test
        void everyCombinatorCompletesWithTheSameResult() {
            for (long seed = 0; seed < RUNS; seed++) {
                run(seed, Wrapping.INTERLEAVE_PENDING, 0.3);
            }
        }
    }

    @Nested
    class UnderMixedWrappers {
        @Test
        void everyCombinatorCompletesWithTheSameResult() {
            for (long seed = 0; seed < RUNS; seed++) {
                run(seed, Wrapping.RANDOM, 0.3);
            }
        }
    }

    @Nested
    class TheProperties {
        // The properties can fail: broken combinators are caught.

        @Test
        void catchASelectThatDoesNotCancelItsLoser() {
            assertThrows(AssertionError.class, () -> {
                for (long seed = 0; seed < 20; seed++) {
                    run(seed, Wrapping.NONE, 0.3, c -> {
                        List<ProbeFuture<Integer>> p = probes(2);
                        Future<Either<Integer, Integer>> leaky = Futures.pollFn(cx -> {
                            if (!p.get(0).isFinished() && p.get(0).poll(cx).isReady()) {
                                return Poll.ready(Either.left(value(0)));
                            }
                            if (!p.get(1).isFinished() && p.get(1).poll(cx).isReady()) {
                                return Poll.ready(Either.right(value(1)));
                            }
                            return Poll.pending();
                        });
                        return new Scenario("leaky select", leaky, p,
                                order -> order.get(0) == 0 ? Either.left(value(0)) : Either.right(value(1)), true);
                    });
                }
            });
        }

        @Test
        void catchAJoinThatPollsACompletedChildAgain() {
            assertThrows(AssertionError.class, () -> {
                for (long seed = 0; seed < 20; seed++) {
                    run(seed, Wrapping.NONE, 0.3, c -> {
                        List<ProbeFuture<Integer>> p = probes(2);
                        Future<Both<Integer, Integer>> naive = Futures.pollFn(cx -> {
                            Poll<Integer> a = p.get(0).poll(cx);
                            Poll<Integer> b = p.get(1).poll(cx);
                            return a.isReady() && b.isReady()
                                    ? Poll.ready(new Both<>(a.value(), b.value())) : Poll.pending();
                        });
                        return new Scenario("naive join", naive, p, order -> new Both<>(value(0), value(1)), false);
                    });
                }
            });
        }

        @Test
        void catchAFutureThatLosesAWakeup() {
            assertThrows(AssertionError.class, () -> run(0, Wrapping.NONE, 0.3, c -> {
                List<ProbeFuture<Integer>> p = probes(1);
                // Polls its child with a waker nobody wakes: the task's wake is lost.
                Future<Integer> deaf = Futures.pollFn(cx -> p.get(0).poll(cx.withWaker(Wakers.noop())));
                return new Scenario("deaf", deaf, p, order -> value(0), false);
            }));
        }
    }
}
