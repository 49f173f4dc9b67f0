package dev.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.schedule.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Version-2 replay strings carry their setup: the string alone reproduces the run. */
class ReplaySetupTest {

    /** Three workers that sleep and yield a drawn number of times; returns the order they finished in. */
    static Object workload(Simulation sim) {
        List<String> order = new ArrayList<>();
        List<JoinHandle<Void>> hs = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            hs.add(sim.spawn(name, Async.async(x -> {
                x.sleep(Duration.ofMillis(x.runtime().choices().between(0, 2)));
                for (int i = 0; i < 3; i++) {
                    x.await(Futures.yieldNow());
                }
                order.add(name);
                return null;
            })));
        }
        sim.blockOn(Futures.joinAll(hs));
        return order + " @" + sim.nanos();
    }

    static String run(Simulation sim, Function<Simulation, Object> workload) {
        try {
            return String.valueOf(workload.apply(sim)) + " " + sim.traceHash();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + " " + sim.traceHash();
        }
    }

    @Nested
    class FromTheStringAlone {
        void reproduces(UnaryOperator<Simulation.Builder> setup) {
            for (long seed = 0; seed < 40; seed++) {
                Simulation first = setup.apply(Simulation.builder().seed(seed)).build();
                String outcome = run(first, ReplaySetupTest::workload);
                String replay = first.replayString();
                Simulation again = Simulation.builder().replay(replay).build();
                String replayed = run(again, ReplaySetupTest::workload);
                assertEquals(outcome.substring(0, outcome.lastIndexOf(' ')), replayed.substring(0, replayed.lastIndexOf(' ')),
                        "seed " + seed + " " + replay);
                assertEquals(first.faultPlan(), again.faultPlan(), replay);
                assertEquals(first.scheduler(), again.scheduler(), replay);
                assertEquals(replay, again.replayString());
                // Under the original builder's own settings too (a swarm builder must not draw again;
                // its trace has the swarm-plan event the original had, so the hash is the original's).
                Simulation underSetup = setup.apply(Simulation.builder()).replay(replay).build();
                assertEquals(outcome, run(underSetup, ReplaySetupTest::workload), "seed " + seed + " " + replay);
            }
        }

        @Test
        void aPlainRun() {
            reproduces(b -> b);
        }

        @Test
        void aFaultPlan() {
            reproduces(b -> b.faults(FaultPlan.all(0.2)));
        }

        @Test
        void aSwarmRunWithItsDrawnPlan() {
            reproduces(b -> b.faults(FaultPlan.swarm()));
        }

        @Test
        void aPctRunWithLimits() {
            reproduces(b -> b.scheduler(Scheduler.pct(3, 40)).maxSteps(5_000).livelockSteps(2_000));
        }

        @Test
        void throughChoiceSourceReplayToo() {
            Simulation first = Simulation.builder().seed(3).faults(FaultPlan.only(FaultKind.SPURIOUS_POLL, 0.5)).build();
            String outcome = run(first, ReplaySetupTest::workload);
            Simulation again = Simulation.builder()
                    .choices(dev.lockstep.choice.ChoiceSource.replay(first.replayString())).build();
            assertEquals(outcome, run(again, ReplaySetupTest::workload));
        }
    }

    @Nested
    class Labels {
        @Test
        void droppingAFaultsLabelledCoinsReplaysTheRunWithoutTheFaultUnchanged() {
            int checked = 0;
            for (long seed = 0; seed < 40; seed++) {
                Simulation first = Simulation.builder().seed(seed)
                        .faults(FaultPlan.only(FaultKind.FRESH_WAKER, 0.01).with(FaultKind.REORDER, 0.01)).build();
                String outcome = run(first, ReplaySetupTest::workload);
                if (first.trace().events().stream().anyMatch(e -> e instanceof dev.lockstep.trace.TraceEvent.Fault)) {
                    continue; // a fault fired: switching it off changes the run
                }
                int[] choices = first.replay().choices();
                byte[] tags = first.replayTags();
                assertEquals(choices.length, tags.length);
                java.util.List<Integer> kept = new ArrayList<>();
                int dropped = 0;
                for (int i = 0; i < choices.length; i++) {
                    if (tags[i] == 0) {
                        kept.add(choices[i]);
                    } else {
                        dropped++;
                    }
                }
                assertTrue(dropped > 0, "seed " + seed + ": the coins are labelled");
                Simulation plain = Simulation.builder().choices(dev.lockstep.choice.ChoiceSource.replay(
                        kept.stream().mapToInt(Integer::intValue).toArray())).build();
                assertEquals(outcome, run(plain, ReplaySetupTest::workload), "seed " + seed);
                checked++;
            }
            assertTrue(checked > 10, "runs where no fault fired: " + checked);
        }
    }

    @Nested
    class AnExplicitSetting {
        String replay = Simulation.builder().seed(1).faults(FaultPlan.only(FaultKind.SPURIOUS_POLL, 0.2))
                .scheduler(Scheduler.pct(3, 100)).maxSteps(777).build().replayString();

        @Test
        void thatAgreesIsAccepted() {
            Simulation.builder().replay(replay).faults(FaultPlan.only(FaultKind.SPURIOUS_POLL, 0.5))
                    .scheduler(Scheduler.pct(3, 100)).maxSteps(777).build();
            Simulation.builder().replay(replay).faults(FaultPlan.swarm()).build();
        }

        @Test
        void thatContradictsTheStringIsAClearError() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Simulation.builder().replay(replay).faults(FaultPlan.only(FaultKind.DELAY_WAKE, 0.2)).build());
            assertTrue(e.getMessage().contains("recorded with fault plan faults[spurious-poll=0.2]")
                    && e.getMessage().contains("drop the explicit .faults(...)"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> Simulation.builder().replay(replay).scheduler(Scheduler.uniform()).build());
            assertTrue(e.getMessage().contains("scheduler pct(3, 100)"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> Simulation.builder().replay(replay).maxSteps(10).build());
            assertTrue(e.getMessage().contains("maxSteps 777"), e.getMessage());
        }
    }

    @Nested
    class Livelock {
        /** Two tasks that wake each other forever. */
        static Object pingPong(Simulation sim) {
            boolean[] turn = {false};
            for (String name : List.of("ping", "pong")) {
                sim.spawn(name, Futures.pollFn(cx -> {
                    turn[0] = !turn[0];
                    cx.waker().wakeByRef();
                    return Poll.pending();
                }));
            }
            return sim.blockOn(Futures.pollFn(cx -> Poll.pending()));
        }

        @Test
        void twoTasksWakingThemselvesForeverEndEarlyNamingTheTasks() {
            for (long seed = 0; seed < 20; seed++) {
                Simulation sim = Simulation.builder().seed(seed).livelockSteps(1_000).build();
                LivelockException e = assertThrows(LivelockException.class, () -> pingPong(sim));
                assertTrue(sim.step() <= 1_010, "stopped at " + sim.step());
                assertEquals(List.of("'ping'#0", "'pong'#1"), e.tasks());
                assertTrue(e.getMessage().startsWith("livelock: tasks 'ping'#0, 'pong'#1 kept waking each other"), e.getMessage());
            }
        }

        @Test
        void aRunThatMovesTheClockIsNotALivelock() {
            Simulation sim = Simulation.builder().seed(1).livelockSteps(50).build();
            sim.blockOn(Async.async(x -> {
                for (int i = 0; i < 500; i++) {
                    x.sleep(Duration.ofMillis(1));
                    x.await(Futures.yieldNow());
                }
                return null;
            }));
            assertTrue(sim.step() > 500);
        }

        @Test
        void isOffByDefaultAndThenTheStepLimitEndsTheRun() {
            Simulation sim = Simulation.builder().seed(1).maxSteps(3_000).build();
            StepLimitException e = assertThrows(StepLimitException.class, () -> pingPong(sim));
            assertTrue(!(e instanceof LivelockException), e.getMessage());
        }
    }
}
