package dev.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.schedule.Scheduler;
import dev.lockstep.trace.TraceEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PctPolicyTest {

    static Simulation pct(ChoiceSource choices, int depth, long steps) {
        return Simulation.builder().choices(choices).scheduler(Scheduler.pct(depth, steps)).build();
    }

    static long count(Simulation sim, Class<? extends TraceEvent> type, String what) {
        return sim.trace().events().stream().filter(type::isInstance).filter(e -> e.describe().contains(what))
                .count();
    }

    @Nested
    class TheSchedulerValue {
        @Test
        void printsAndParsesBothForms() {
            assertEquals("pct(3, 200)", Scheduler.pct(3, 200).toString());
            assertEquals(Scheduler.pct(3, 200), Scheduler.parse(" pct( 3 , 200 ) "));
            assertEquals(Scheduler.uniform(), Scheduler.parse("uniform"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scheduler.parse("pct(3)"));
            assertTrue(e.getMessage().contains("pct(depth, estimatedSteps)"), e.getMessage());
        }

        @Test
        void rejectsADepthBelowOneAndNoSteps() {
            assertThrows(IllegalArgumentException.class, () -> Scheduler.pct(0, 10));
            assertThrows(IllegalArgumentException.class, () -> Scheduler.pct(2, 0));
        }
    }

    @Nested
    class Priorities {
        @Test
        void allZeroChoicesRunOlderTasksFirstEachToItsEnd() {
            Simulation sim = pct(ChoiceSource.replay(new int[0]), 3, 50);
            List<String> log = SimulationTest.workload(sim);
            assertEquals(List.of("w0:0", "w0:1", "w0:2", "w0:3", "w0:4", "w1:0", "w1:1", "w1:2", "w1:3", "w1:4",
                    "w2:0", "w2:1", "w2:2", "w2:3", "w2:4"), log);
            assertEquals(0, count(sim, TraceEvent.Fault.class, "preempt"), "a drawn 0 is no change point");
        }

        @Test
        void theSameSeedGivesTheSameScheduleAndTheReplayStringReproducesIt() {
            Set<List<String>> orders = new HashSet<>();
            for (long seed = 0; seed < 50; seed++) {
                Simulation a = pct(ChoiceSource.seeded(seed), 3, 30);
                Simulation b = pct(ChoiceSource.seeded(seed), 3, 30);
                List<String> la = SimulationTest.workload(a);
                assertEquals(la, SimulationTest.workload(b));
                Simulation c = pct(ChoiceSource.replay(a.replayString()), 3, 30);
                assertEquals(la, SimulationTest.workload(c));
                assertEquals(a.traceHash(), c.traceHash());
                orders.add(la);
            }
            assertTrue(orders.size() > 10, orders.size() + " distinct schedules in 50 seeds");
        }

        @Test
        void aDepthOfOneNeverPreemptsAndDepthDPreemptsAtMostDMinusOneTimes() {
            for (long seed = 0; seed < 30; seed++) {
                Simulation one = pct(ChoiceSource.seeded(seed), 1, 30);
                SimulationTest.workload(one);
                assertEquals(0, count(one, TraceEvent.Fault.class, "preempt"));
                Simulation three = pct(ChoiceSource.seeded(seed), 3, 30);
                SimulationTest.workload(three);
                assertTrue(count(three, TraceEvent.Fault.class, "preempt") <= 2);
            }
        }

        @Test
        void eachDecisionIsRecordedAsAPctChoice() {
            Simulation sim = pct(ChoiceSource.seeded(4), 2, 30);
            SimulationTest.workload(sim);
            assertTrue(count(sim, TraceEvent.Choice.class, "choose pct") > 10);
            assertEquals(0, count(sim, TraceEvent.Choice.class, "choose schedule"));
        }
    }

    @Test
    void aTaskThatSpinsWaitingForALowerOneDoesNotLivelock() {
        Simulation sim = pct(ChoiceSource.replay(new int[0]), 2, 20);
        boolean[] flag = {false};
        JoinHandle<Void> spinner = sim.spawn("spinner", cx -> {
            if (flag[0]) {
                return Poll.ready(null);
            }
            cx.waker().wakeByRef();
            return Poll.pending();
        });
        sim.spawn("setter", Futures.lazy(() -> flag[0] = true));
        sim.blockOn(spinner);
        assertTrue(sim.step() > 40 && sim.step() < 60, "strict priority for 40 decisions, then fair: "
                + sim.step() + " polls");
    }
}
