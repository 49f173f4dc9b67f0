package dev.lockstep.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.future.Context;
import dev.lockstep.future.Either;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.future.ProbeFuture;
import dev.lockstep.future.Waker;
import dev.lockstep.runtime.Simulation;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MockTaskTest {

    /** Completes once the clock reaches {@code delay} after its first poll, with the time it saw. */
    private static Future<Long> timer(Duration delay) {
        long[] deadline = {-1};
        return Futures.pollFn(cx -> {
            long now = cx.runtime().nanos();
            if (deadline[0] < 0) {
                deadline[0] = now + delay.toNanos();
                cx.runtime().wakeAt(deadline[0], cx.waker());
            }
            return now >= deadline[0] ? Poll.ready(now) : Poll.pending();
        });
    }

    @Nested
    class Waking {
        @Test
        void isWokenReportsAWakeDuringOrAfterTheLastPoll() {
            ProbeFuture<String> probe = new ProbeFuture<>("p");
            MockTask<String> task = MockTask.of(probe);
            assertFalse(task.isWoken());
            task.poll();
            assertFalse(task.isWoken());
            probe.complete("x");
            assertTrue(task.isWoken());
            assertEquals(1, task.wakeCount());
        }

        @Test
        void aPollResetsIsWokenButNotTheWakeCount() {
            MockTask<Void> task = MockTask.of(TestFutures.interleavePending(Futures.pending()));
            task.poll();
            assertTrue(task.isWoken());
            task.poll();
            assertFalse(task.isWoken());
            assertEquals(1, task.wakeCount());
        }

        @Test
        void usesItsOwnWakerInEveryPoll() {
            MockTask<Waker> task = MockTask.of(Futures.pollFn(cx -> Poll.ready(cx.waker())));
            assertSame(task.waker().waker(), task.poll().value());
        }
    }

    @Nested
    class Enter {
        @Test
        void runsTheBodyWithTheTasksContextAndResetsIsWoken() {
            MockTask<Void> task = MockTask.of(Futures.yieldNow());
            task.poll();
            assertTrue(task.isWoken());
            Waker seen = task.enter(Context::waker);
            assertSame(task.waker().waker(), seen);
            assertFalse(task.isWoken());
        }
    }

    @Nested
    class Advance {
        @Test
        void firesTimersThatAreDueAndWakesTheTask() {
            MockTask<Long> task = MockTask.of(timer(Duration.ofMillis(10)));
            assertTrue(task.poll().isPending());
            task.advance(Duration.ofMillis(9));
            assertFalse(task.isWoken(), "the timer is not due yet");
            assertTrue(task.poll().isPending());
            task.advance(Duration.ofMillis(1));
            assertTrue(task.isWoken());
            assertEquals(Poll.ready(Duration.ofMillis(10).toNanos()), task.poll());
        }

        @Test
        void movesTheClockByExactlyTheDurationWithOrWithoutTimers() {
            MockTask<Object> task = MockTask.of(Futures.pending());
            task.advance(Duration.ofSeconds(3));
            assertEquals(Duration.ofSeconds(3).toNanos(), task.runtime().nanos());
            assertEquals(Duration.ofSeconds(3).toNanos(), task.simulation().clock().nanos());
        }

        @Test
        void runsTasksSpawnedThroughTheRuntime() {
            MockTask<Object> task = MockTask.of(Futures.pending());
            JoinHandle<Long> h = task.enter(cx -> cx.runtime().spawn("t", timer(Duration.ofMillis(5))));
            assertFalse(h.isFinished());
            task.advance(Duration.ofMillis(5));
            assertTrue(h.isFinished());
        }

        @Test
        void rejectsANegativeDuration() {
            assertThrows(IllegalArgumentException.class, () -> MockTask.of(Futures.pending()).advance(Duration.ofNanos(-1)));
        }
    }

    @Nested
    class TheRuntime {
        @Test
        void isASimulationWithScriptableChoices() {
            Simulation sim = Simulation.builder().choices(ChoiceSource.replay(new int[] {1})).build();
            MockTask<Either<String, String>> task =
                    MockTask.of(Futures.select(Futures.ready("a"), Futures.ready("b")), sim);
            assertEquals(Poll.ready(Either.right("b")), task.poll());
            assertSame(sim.handle(), task.runtime());
        }

        @Test
        void doesNotGuardTheFutureAfterCompletion() {
            ProbeFuture<String> probe = ProbeFuture.completed("p", "x");
            MockTask<String> task = MockTask.of(probe);
            task.poll();
            assertThrows(AssertionError.class, task::poll, "the second poll reaches the future");
            assertTrue(task.isPolled());
        }
    }
}
