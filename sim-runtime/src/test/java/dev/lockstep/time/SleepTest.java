package dev.lockstep.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Timeout;
import dev.lockstep.future.TimeoutExpiredException;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.runtime.TaskAbortedException;
import dev.lockstep.testkit.TestFutures;
import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SleepTest {

    @Test
    void aTenHourSleepCompletesAtTenHoursOfVirtualTime() {
        Simulation sim = Simulation.builder().build();
        sim.blockOn(Sleep.of(Duration.ofHours(10)));
        assertEquals(Duration.ofHours(10), sim.clock().elapsed());
        assertEquals(1, sim.trace().events().stream()
                .filter(e -> e instanceof dev.lockstep.trace.TraceEvent.ClockAdvanced).count());
    }

    @Test
    void timersWithEqualDeadlinesFireInRegistrationOrder() {
        for (long seed = 0; seed < 200; seed++) {
            Simulation sim = Simulation.builder().seed(seed).build();
            List<Integer> fired = new ArrayList<>();
            List<Integer> registered = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int id = i;
                sim.spawn("sleeper-" + i, Futures.lazy(() -> {
                    registered.add(id);
                    return null;
                }).then(x -> Sleep.until(1_000_000L)).map(x -> {
                    fired.add(id);
                    return null;
                }));
            }
            sim.blockOn(Sleep.of(Duration.ofSeconds(1)));
            List<Integer> woken = Trace.unfoldWakes(sim.trace().events()).stream()
                    .filter(e -> e instanceof TraceEvent.Woken w && w.source().equals("timer") && w.nanos() == 1_000_000L)
                    .map(e -> Integer.parseInt(((TraceEvent.Woken) e).name().substring("sleeper-".length())))
                    .toList();
            assertEquals(registered, woken, "seed " + seed);
            assertEquals(5, fired.size());
        }
    }

    @Test
    void aSpuriousPollBeforeTheDeadlineStaysPending() {
        Simulation sim = Simulation.builder().build();
        Sleep s = Sleep.of(Duration.ofSeconds(5));
        sim.blockOn(TestFutures.interleavePending(s));
        assertEquals(Duration.ofSeconds(5), sim.clock().elapsed());
        assertTrue(s.isTerminated());
        assertTrue(Poll.pending().equals(s.poll(new dev.lockstep.future.Context(
                dev.lockstep.testkit.Wakers.noop(), sim.handle()))), "fused after completion");
    }

    @Test
    void abortingASleepingTaskCancelsItAndReleasesItsTimer() {
        Simulation sim = Simulation.builder().build();
        Sleep sleep = Sleep.of(Duration.ofHours(1));
        JoinHandle<Void> h = sim.spawn("sleeper", sleep);
        sim.advance(Duration.ofSeconds(1));
        assertTrue(sleep.hasTimer());
        assertEquals(1, sim.pendingTimers());
        h.abort();
        assertFalse(sleep.hasTimer());
        assertEquals(0, sim.pendingTimers());
        assertThrows(TaskAbortedException.class, () -> sim.blockOn(h));
        assertEquals(Duration.ofSeconds(1), sim.clock().elapsed(), "no timer was left to jump to");
    }

    @Nested
    class BadInput {
        @Test
        void aNegativeDurationIsRejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Sleep.of(Duration.ofSeconds(-1)));
            assertTrue(e.getMessage().contains("must not be negative"));
            assertThrows(IllegalArgumentException.class, () -> Timeout.of(Futures.ready(1), Duration.ofMillis(-5)));
            assertThrows(IllegalArgumentException.class, () -> Interval.every(Duration.ZERO));
            assertThrows(NullPointerException.class, () -> Sleep.of(null));
        }

        @Test
        void anInstantIsReadOnTheRuntimesClockFromTheUnixEpochAndNullIsRejectedByName() {
            Simulation sim = Simulation.builder().build();
            sim.blockOn(Sleep.until(java.time.Instant.EPOCH.plusSeconds(3)));
            assertEquals(3_000_000_000L, sim.nanos());
            assertThrows(IllegalArgumentException.class, () -> Sleep.until(java.time.Instant.EPOCH.minusNanos(1)));
            NullPointerException e = assertThrows(NullPointerException.class, () -> Sleep.until((java.time.Instant) null));
            assertEquals("Sleep.until: instant is null", e.getMessage());
        }
    }

    @Nested
    class Timeouts {
        @Test
        void aTimeoutFailsASlowFutureAndReleasesItsTimer() {
            Simulation sim = Simulation.builder().build();
            Sleep slow = Sleep.of(Duration.ofSeconds(10));
            TimeoutExpiredException e = assertThrows(TimeoutExpiredException.class,
                    () -> sim.blockOn(Timeout.of(slow, Duration.ofSeconds(1))));
            assertEquals(Duration.ofSeconds(1), sim.clock().elapsed());
            assertTrue(slow.isTerminated(), "the inner sleep was cancelled");
            assertEquals(0, sim.pendingTimers());
            assertTrue(e.getMessage().contains("timed out after PT1S"), e.getMessage());
        }

        @Test
        void anInnerFailureReleasesTheTimerAndIsNotPolledAgain() {
            Simulation sim = Simulation.builder().build();
            int[] polls = {0};
            Timeout<Object> t = Timeout.of(cx -> {
                if (++polls[0] == 2) {
                    throw new IllegalStateException("inner failed");
                }
                cx.waker().wakeByRef();
                return Poll.pending();
            }, Duration.ofSeconds(1));
            assertThrows(IllegalStateException.class, () -> sim.blockOn(t));
            assertEquals(0, sim.pendingTimers());
            assertEquals(2, polls[0]);
        }

        @Test
        void aFastFutureBeatsItsTimeout() {
            Simulation sim = Simulation.builder().build();
            int v = sim.blockOn(Sleep.of(Duration.ofMillis(5)).map(x -> 3).timeout(Duration.ofSeconds(1)));
            assertEquals(3, v);
            assertEquals(0, sim.pendingTimers());
        }
    }

    @Test
    void anIntervalTicksOncePerPeriod() {
        Simulation sim = Simulation.builder().build();
        Interval every = Interval.every(Duration.ofMillis(100));
        List<Long> ticks = new ArrayList<>();
        sim.blockOn(cx -> {
            while (ticks.size() < 5) {
                Poll<Long> p = every.pollTick(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                ticks.add(p.value());
            }
            return Poll.ready(null);
        });
        assertEquals(List.of(0L, 100_000_000L, 200_000_000L, 300_000_000L, 400_000_000L), ticks);
        assertEquals(Duration.ofMillis(400), sim.clock().elapsed());
    }
}
