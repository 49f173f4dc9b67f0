package dev.lockstep.property;

import dev.lockstep.choice.ReplaySetup;
import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.schedule.Scheduler;
import java.util.ArrayList;
import java.util.List;

/**
 * The simpler setups a shrink tries before it touches the choices, simplest first.
 *
 * <h2>Candidates</h2>
 * <ol>
 *   <li>each enabled fault switched off, in declaration order;
 *   <li>{@code max-wake-delay} halved;
 *   <li>PCT's depth lowered by one (not below 1).
 * </ol>
 * A fault switched off comes with the label of its coins, so the shrinker drops exactly those
 * choices and every other draw stays where it was (a fault whose coins all came up 0 then goes
 * without changing the run at all). Each candidate is strictly simpler than the setup it came from (fewer faults, a shorter delay,
 * a lower depth), so repeating the step ends.
 *
 * <h2>Probabilities stay</h2>
 * Probabilities are not lowered: on replay a fault fires on its recorded choice, not on its
 * probability, so a lower probability is not a simpler run, only a less useful plan to hunt with.
 */
final class SetupShrink {
    private SetupShrink() {}

    /**
     * A simpler setup, and the label of the choices to drop with it ({@code Simulation.replayTags()}):
     * for a fault switched off, its coins (ordinal + 1); otherwise 0, nothing to drop.
     */
    record Candidate(ReplaySetup setup, int dropTag) {}

    static List<Candidate> candidates(ReplaySetup setup) {
        List<Candidate> out = new ArrayList<>();
        FaultPlan plan = setup.faults() == null ? FaultPlan.none() : FaultPlan.parse(setup.faults());
        for (FaultKind k : plan.probabilities().keySet()) {
            out.add(new Candidate(setup.withFaults(text(plan.without(k))), k.tag()));
        }
        if ((plan.enabled(FaultKind.DELAY_WAKE) || plan.enabled(FaultKind.DUPLICATE_WAKE)) && plan.maxWakeDelay() > 1) {
            out.add(new Candidate(setup.withFaults(text(plan.withMaxWakeDelay(plan.maxWakeDelay() / 2))), 0));
        }
        if (setup.scheduler() != null && Scheduler.parse(setup.scheduler()) instanceof Scheduler.Pct p && p.depth() > 1) {
            out.add(new Candidate(setup.withScheduler(Scheduler.pct(p.depth() - 1, p.estimatedSteps()).toString()), 0));
        }
        return out;
    }

    private static String text(FaultPlan plan) {
        return plan.isNone() ? null : plan.toString();
    }
}
