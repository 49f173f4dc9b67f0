package dev.lockstep.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.future.Both;
import dev.lockstep.future.Either;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Timeout;
import dev.lockstep.interop.Interop;
import dev.lockstep.runtime.TaskSet;
import dev.lockstep.testkit.TestFutures;
import dev.lockstep.time.Interval;
import dev.lockstep.time.Sleep;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every combinator and leaf future of Lockstep keeps the contract it asks of others: each is
 * checked under every default fault plan, with runs that cancel it mid-flight. The children are
 * sleeps and yields, so that the combinators go through {@code Pending} and are woken, moved,
 * polled spuriously and cancelled while they wait.
 */
class LockstepFuturesContractTest {
    static final int RUNS = 100;

    static Future<Integer> after(long millis, int value) {
        return Sleep.of(Duration.ofMillis(millis)).map(v -> value);
    }

    /** Checks {@code contract} and asserts it held, after runs that waited and runs that were cancelled. */
    static void holds(FutureContract<?> contract, boolean pends) {
        ContractReport report = contract.runs(RUNS).check();
        assertTrue(report.passed(), report::toString);
        assertEquals(RUNS * FutureContract.defaultPlans().size(), report.runs(), report::toString);
        int cancelled = report.plans().stream().mapToInt(PlanSummary::cancelledRuns).sum();
        assertEquals(pends, cancelled > 0, "cancelled runs: " + cancelled + "\n" + report);
    }

    @Nested
    class Combinators {
        @Test
        void readyAndLazyKeepTheContract() {
            holds(FutureContract.of(() -> Futures.ready(1)).expect(1), false);
            holds(FutureContract.of(() -> Futures.lazy(() -> "made")).expect("made"), false);
        }

        @Test
        void yieldNowKeepsTheContract() {
            holds(FutureContract.of(Futures::yieldNow).expect(null), true);
        }

        @Test
        void mapAndThenKeepTheContract() {
            holds(FutureContract.of(() -> after(1, 20).map(x -> x + 1)).expect(21), true);
            holds(FutureContract.of(() -> after(1, 2).then(x -> after(x, x * 10))).expect(20), true);
        }

        @Test
        void fuseKeepsTheContractAndIsFused() {
            holds(FutureContract.of(() -> after(1, 7).fuse()).expect(7), true);
        }

        @Test
        void joinAndJoinAllKeepTheContract() {
            holds(FutureContract.of(() -> Futures.join(after(2, 1), Futures.yieldNow().then(v -> after(1, 2))))
                    .expect(new Both<>(1, 2)), true);
            holds(FutureContract.of(() -> Futures.joinAll(List.of(after(3, 1), after(1, 2), Futures.ready(3))))
                    .expect(List.of(1, 2, 3)), true);
        }

        @Test
        void selectAndRaceKeepTheContract() {
            holds(FutureContract.of(() -> Futures.select(after(1, 1), after(5, 5))).expect(Either.left(1)), true);
            holds(FutureContract.of(() -> Futures.race(List.of(after(3, 3), after(1, 1), after(2, 2)))).expect(1), true);
        }

        @Test
        void timeoutKeepsTheContract() {
            holds(FutureContract.of(() -> Futures.timeout(after(1, 1), Duration.ofMillis(10))).expect(1), true);
        }

        @Test
        void theTestDoublesKeepTheContract() {
            holds(FutureContract.of(() -> TestFutures.pendingOnce(after(1, 1))).expect(1), true);
            holds(FutureContract.of(() -> TestFutures.interleavePending(after(1, 1))).expect(1), true);
        }
    }

    @Nested
    class Time {
        @Test
        void sleepKeepsTheContract() {
            holds(FutureContract.of(() -> Sleep.of(Duration.ofMillis(5))).expect(null), true);
        }

        @Test
        void timeoutOfAnInnerFutureKeepsTheContract() {
            holds(FutureContract.of(() -> Timeout.of(Futures.yieldNow().then(v -> after(2, 4)), Duration.ofSeconds(1)))
                    .expect(4), true);
        }

        @Test
        void anIntervalTickKeepsTheContractInsideTheIntervalsOwner() {
            // A tick borrows the interval's timer; the body owning the interval releases it when cancelled.
            holds(FutureContract.of(() -> Async.async(a -> {
                Interval interval = Interval.every(Duration.ofMillis(10));
                try {
                    a.await(interval.tick());
                    return a.await(interval.tick());
                } finally {
                    interval.cancel();
                }
            })).expect(10_000_000L), true);
        }
    }

    @Nested
    class Tasks {
        static Future<Optional<Integer>> nextOfThree() {
            return Async.async(a -> {
                TaskSet<Integer> set = TaskSet.create();
                set.add(after(3, 3));
                set.add(after(1, 1));
                set.add(Futures.yieldNow().then(v -> after(2, 2)));
                try {
                    return a.await(set.next());
                } finally {
                    set.cancel();
                }
            });
        }

        @Test
        void taskSetNextKeepsTheContractInsideTheSetsOwner() {
            holds(FutureContract.of(Tasks::nextOfThree).expect(Optional.of(1)), true);
        }

        @Test
        void taskSetCollectAllKeepsTheContractInsideTheSetsOwner() {
            holds(FutureContract.of(() -> Async.async(a -> {
                TaskSet<Integer> set = TaskSet.create();
                set.add(after(2, 2));
                set.add(after(1, 1));
                try {
                    return a.await(set.collectAll());
                } finally {
                    set.cancel();
                }
            })).expect(List.of(1, 2)), true);
        }

        @Test
        void theJoinHandleOfASpawnedTaskKeepsTheContract() {
            holds(FutureContract.of(sim -> sim.spawn("worker", after(2, 9))).expect(9), true);
        }
    }

    @Nested
    class AsyncBodies {
        @Test
        void aBodyThatSleepsYieldsAndAwaitsKeepsTheContract() {
            holds(FutureContract.of(() -> Async.async(a -> {
                a.sleep(Duration.ofMillis(1));
                a.yieldNow();
                int x = a.await(after(2, 40));
                return x + a.await(Futures.yieldNow().map(v -> 2));
            })).expect(42), true);
        }
    }

    @Nested
    class InteropAdapters {
        @Test
        void aCompletionStageCompletedByASimulationTaskKeepsTheContract() {
            holds(FutureContract.of(sim -> {
                CompletableFuture<String> stage = new CompletableFuture<>();
                sim.spawn("completer", Sleep.of(Duration.ofMillis(1)).map(v -> stage.complete("done")));
                return Interop.fromCompletionStage(stage);
            }).expect("done"), true);
        }
    }
}
