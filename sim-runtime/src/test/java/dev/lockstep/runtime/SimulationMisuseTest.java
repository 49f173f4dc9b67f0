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
    @Nested
    class ACallTheSimulationRefuses {
        @Test
        void advanceFromInsideATaskNamesTheTaskStepTimeAndReplay() {
            Simulation other = Simulation.builder().build();
            IllegalStateException advance = assertThrows(IllegalStateException.class, () -> other.blockOn(cx -> {
                other.advance(Duration.ofSeconds(1));
                return Poll.ready(1);
            }));
            assertTrue(advance.getMessage().contains("advance() called from inside task 'main'#0 at step 0, t=0.000s,"
                    + " replay lockstep:"), advance.getMessage());
        }

        @Test
        void aSpawnFromAnotherThreadNamesTheStepTimeAndReplay() throws InterruptedException {
            RuntimeException[] error = new RuntimeException[1];
            Thread other = new Thread(() -> {
                try {
                    sim.spawn("foreign", Futures.ready(1));
                } catch (RuntimeException e) {
                    error[0] = e;
                }
            }, "foreign-thread");
            other.start();
            other.join();
            assertInstanceOf(IllegalStateException.class, error[0]);
            assertTrue(error[0].getMessage().contains("called from thread 'foreign-thread', not the simulation's thread"
                    + " 'main' (at step 0, t=0.000s, replay lockstep:"), error[0].getMessage());
        }
    }
    @Nested
    class AdvanceAndAbortHostArguments {
        @Test
        void aNullDurationOrHostIsRejectedByName() {
            NullPointerException duration = assertThrows(NullPointerException.class, () -> sim.advance(null));
            assertEquals("advance(duration): duration is null", duration.getMessage());
            NullPointerException host = assertThrows(NullPointerException.class, () -> sim.abortHost(null));
            assertEquals("abortHost: host is null", host.getMessage());
        }

        @Test
        void aDurationPastTheEndOfVirtualTimeAdvancesToTheEnd() {
            sim.advance(Duration.ofSeconds(1));
            sim.advance(Duration.ofDays(365L * 1000));
            assertEquals(Long.MAX_VALUE, sim.nanos());
            sim.advance(Duration.ofNanos(1));
            assertEquals(Long.MAX_VALUE, sim.nanos());
        }
    }
    @Nested
    class TheVirtualTimeLimit {
        @Test
        void stopsAnAdvancePastItWithOrWithoutATimerOnTheWay() {
            Simulation quiet = Simulation.builder().maxVirtualTime(Duration.ofSeconds(1)).build();
            quiet.advance(Duration.ofSeconds(1));
            StepLimitException e = assertThrows(StepLimitException.class, () -> quiet.advance(Duration.ofNanos(1)));
            assertTrue(e.getMessage().contains("advance() to 1.000000001s is past maxVirtualTime 1.000s"), e.getMessage());
            assertEquals(1_000_000_000L, quiet.nanos());

            Simulation timed = Simulation.builder().maxVirtualTime(Duration.ofSeconds(1)).build();
            timed.spawn("sleeper", Sleep.of(Duration.ofMillis(1500)));
            assertThrows(StepLimitException.class, () -> timed.advance(Duration.ofSeconds(2)));
        }

        @Test
        void pastTheEndOfVirtualTimeIsNoLimit() {
            Simulation sim = Simulation.builder().maxVirtualTime(Duration.ofDays(365L * 1000)).build();
            sim.blockOn(Sleep.of(Duration.ofDays(365L * 200)));
            assertEquals(Duration.ofDays(365L * 200).toNanos(), sim.nanos());
            assertEquals(Simulation.builder().build().replayString(), sim.replayString(), "no limit in the replay string");
        }
    }
    @Nested
    class TheBuildersChecks {
        @Test
        void refuseANullScenarioInsteadOfReportingItsNullPointerExceptionAsARun() {
            NullPointerException determinism = assertThrows(NullPointerException.class,
                    () -> Simulation.builder().checkDeterminism(null));
            assertEquals("checkDeterminism: scenario is null", determinism.getMessage());
            NullPointerException moves = assertThrows(NullPointerException.class, () -> Simulation.builder().checkMoves(null));
            assertEquals("checkMoves: scenario is null", moves.getMessage());
        }
    }
    @Nested
    class AnAbortFromAnotherThread {
        @Test
        void isReportedAndFailsTheRunInsteadOfCancellingTheTaskOffItsThread() throws InterruptedException {
            Sleep sleep = Sleep.of(Duration.ofSeconds(5));
            JoinHandle<Void> sleeper = sim.spawn("sleeper", sleep);
            sim.advance(Duration.ofSeconds(1));
            Thread other = new Thread(sleeper::abort, "foreign-thread");
            other.start();
            other.join();
            assertFalse(sleeper.isFinished(), "not aborted off the simulation's thread");
            assertTrue(sleep.hasTimer(), "its timer was not touched");
            NondeterminismException e = assertThrows(NondeterminismException.class, () -> sim.blockOn(sleeper));
            assertTrue(e.getMessage().contains("JoinHandle.abort() of task 'sleeper'#0 on thread 'foreign-thread'"),
                    e.getMessage());
        }
    }
}
