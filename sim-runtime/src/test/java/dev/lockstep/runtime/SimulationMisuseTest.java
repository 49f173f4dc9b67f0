package dev.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import dev.lockstep.testkit.Wakers;
import dev.lockstep.time.Sleep;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each misuse of the future model gets a message that names the task, step, time and replay. */
class SimulationMisuseTest {
    final Simulation sim = Simulation.builder().seed(5).build();

    @Nested
    class PollReturningNull {
        @Test
        void failsTheTaskWithAMessageNamingTheTaskStepTimeAndReplay() {
            Future<String> bad = cx -> null;
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> sim.blockOn(bad));
            assertTrue(e.getMessage().contains("poll of task 'main'#0 returned null instead of a Poll"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("at step 0, t=0.000s, replay lockstep:"), e.getMessage());
        }

        @Test
        void inASpawnedTaskNamesThatTask() {
            sim.spawn("bad", (Future<Void>) cx -> null);
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> sim.blockOn(Futures.yieldNow()));
            assertTrue(e.getCause().getMessage().contains("poll of task 'bad'#0 returned null"), e.getMessage());
        }
    }

    @Nested
    class ASleepPolledByTwoTasks {
        @Test
        void isDiagnosedAsASharedSleepNamingTheLatestPollerNotAsALostWakeup() {
            Sleep shared = Sleep.of(Duration.ofSeconds(1));
            JoinHandle<Void> first = sim.spawn("first", shared);
            sim.spawn("second", shared);
            DeadlockException e = assertThrows(DeadlockException.class, () -> sim.blockOn(first));
            String line = e.getMessage().lines().filter(l -> l.contains("task 'first'#0")).findFirst().orElseThrow();
            assertTrue(line.contains("this Sleep's timer wakes only the latest poller 'second'#1"), line);
            assertFalse(line.contains("LOST WAKEUP"), line);
        }
    }

    @Nested
    class AnErrorThrownByTheRootFuture {
        @Test
        void keepsItsTypeAndCarriesTheTaskStepAndReplay() {
            AssertionError thrown = new AssertionError("expected 3 replicas");
            AssertionError e = assertThrows(AssertionError.class, () -> sim.blockOn(Futures.yieldNow().map(v -> {
                throw thrown;
            })));
            assertSame(thrown, e, "the same error, catchable by its type");
            assertEquals(1, e.getSuppressed().length);
            TaskFailedException where = assertInstanceOf(TaskFailedException.class, e.getSuppressed()[0]);
            assertTrue(where.getMessage().contains("task 'main'#0"), where.getMessage());
            assertTrue(where.getMessage().contains("at step "), where.getMessage());
            assertTrue(where.getMessage().contains("replay: lockstep:"), where.getMessage());
        }
    }

    @Nested
    class AWakerAfterDrop {
        @Test
        void aDroppedCloneIsAnErrorToUseAgain() {
            Waker clone = Wakers.noop().cloneWaker();
            clone.drop();
            for (Runnable use : new Runnable[] {clone::wake, clone::wakeByRef, clone::cloneWaker, clone::drop}) {
                IllegalStateException e = assertThrows(IllegalStateException.class, use::run);
                assertTrue(e.getMessage().contains("after its drop()"), e.getMessage());
            }
        }

        @Test
        void theTasksOwnWakerKeepsWorkingAfterAHolderDropsIt() {
            int[] polls = {0};
            String out = sim.blockOn(cx -> {
                if (polls[0]++ == 0) {
                    cx.waker().drop();
                    cx.waker().wake();
                    return Poll.pending();
                }
                return Poll.ready("woken");
            });
            assertEquals("woken", out);
        }
    }
}
