package dev.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.Poll;
import dev.lockstep.trace.TraceEvent;
import org.junit.jupiter.api.Test;

class BuggifySitesTest {

    /** How many of {@code calls} calls of site "a" fire, asked from inside a task. */
    static int fires(Simulation sim, int calls) {
        return sim.blockOn(cx -> {
            int n = 0;
            for (int i = 0; i < calls; i++) {
                n += cx.runtime().buggify("a") ? 1 : 0;
            }
            return Poll.ready(n);
        });
    }

    @Test
    void isAlwaysFalseAndDrawsNothingUnlessThePlanEnablesIt() {
        Simulation sim = Simulation.builder().seed(1).faults(FaultPlan.only(FaultKind.REORDER, 0.5)).build();
        assertEquals(0, fires(sim, 100));
        assertEquals(0, sim.choices().recordedCount());
        assertFalse(Simulation.builder().build().handle().buggify("x"));
    }

    @Test
    void aSiteIsEnabledOncePerRunThenFiresWithItsProbability() {
        int disabledRuns = 0;
        int enabledCalls = 0;
        int enabledFires = 0;
        for (long seed = 0; seed < 200; seed++) {
            Simulation sim = Simulation.builder().seed(seed).faults(FaultPlan.only(FaultKind.BUGGIFY, 0.25)).build();
            int n = fires(sim, 40);
            boolean enabled = !FaultInjectorTest.faults(sim, "buggify").isEmpty();
            if (!enabled) {
                disabledRuns++;
                assertEquals(0, n, "a site not enabled in a run never fires in it");
            } else {
                enabledCalls += 40;
                enabledFires += n;
            }
        }
        assertTrue(disabledRuns > 120 && disabledRuns < 180, disabledRuns + " of 200 runs without the site");
        double rate = (double) enabledFires / enabledCalls;
        assertTrue(rate > 0.15 && rate < 0.35, "enabled sites fired at " + rate);
    }

    @Test
    void firesReplayFromTheReplayStringAndAreTracedWithTheSiteAndTask() {
        Simulation first = Simulation.builder().seed(11).faults(FaultPlan.only(FaultKind.BUGGIFY, 0.5)).build();
        int n = fires(first, 30);
        Simulation again = Simulation.builder().choices(ChoiceSource.replay(first.replayString()))
                .faults(FaultPlan.only(FaultKind.BUGGIFY, 0.5)).build();
        assertEquals(n, fires(again, 30));
        assertEquals(first.traceHash(), again.traceHash());
        Simulation eager = Simulation.builder().choices(new EagerChoices())
                .faults(FaultPlan.only(FaultKind.BUGGIFY, 0.5)).build();
        assertEquals(3, fires(eager, 3));
        TraceEvent.Fault f = FaultInjectorTest.faults(eager, "buggify").get(1);
        assertEquals("main", f.name());
        assertEquals("a: fired", f.detail());
    }

    @Test
    void aNullSiteIsRejected() {
        Simulation sim = Simulation.builder().faults(FaultPlan.only(FaultKind.BUGGIFY, 0.5)).build();
        assertThrows(NullPointerException.class, () -> sim.handle().buggify(null));
    }
}
