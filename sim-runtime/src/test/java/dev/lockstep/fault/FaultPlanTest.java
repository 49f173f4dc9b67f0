package dev.lockstep.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.trace.TraceEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

    @Nested
    class Building {
        @Test
        void noneInjectsNothingAndIsTheBuildersDefault() {
            assertTrue(FaultPlan.none().isNone());
            assertEquals(FaultPlan.none(), Simulation.builder().build().faultPlan());
            for (FaultKind k : FaultKind.values()) {
                assertFalse(FaultPlan.none().enabled(k), k.key());
            }
        }

        @Test
        void allSwitchesOnEveryFaultAtTheSameProbability() {
            FaultPlan all = FaultPlan.all(0.25);
            for (FaultKind k : FaultKind.values()) {
                assertEquals(0.25, all.probability(k), k.key());
            }
        }

        @Test
        void withersChangeOneFaultAndLeaveTheOriginalAlone() {
            FaultPlan base = FaultPlan.only(FaultKind.REORDER, 0.1);
            FaultPlan more = base.with(FaultKind.SPURIOUS_POLL, 0.3);
            assertEquals(0.0, base.probability(FaultKind.SPURIOUS_POLL));
            assertEquals(0.3, more.probability(FaultKind.SPURIOUS_POLL));
            assertEquals(base, more.without(FaultKind.SPURIOUS_POLL));
            assertTrue(more.with(FaultKind.REORDER, 0).without(FaultKind.SPURIOUS_POLL).isNone());
        }

        @Test
        void probabilitiesOutsideZeroToOneAreRejectedNamingTheFault() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FaultPlan.none().with(FaultKind.DELAY_WAKE, 1.5));
            assertTrue(e.getMessage().contains("delay-wake") && e.getMessage().contains("1.5"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> FaultPlan.all(Double.NaN));
            assertThrows(IllegalArgumentException.class, () -> FaultPlan.none().withMaxWakeDelay(0));
            assertThrows(IllegalArgumentException.class,
                    () -> new FaultPlan(Map.of(FaultKind.REORDER, 0.5), 4, true));
        }

        @Test
        void aSwarmPlanCannotFixProbabilities() {
            assertThrows(IllegalStateException.class, () -> FaultPlan.swarm().with(FaultKind.REORDER, 0.1));
            IllegalStateException delay = assertThrows(IllegalStateException.class,
                    () -> FaultPlan.swarm().withMaxWakeDelay(7));
            assertTrue(delay.getMessage().contains("max-wake-delay"), delay.getMessage());
            IllegalStateException slack = assertThrows(IllegalStateException.class,
                    () -> FaultPlan.swarm().withMaxTimerSlack(java.time.Duration.ofMillis(5)));
            assertTrue(slack.getMessage().contains("max-timer-slack"), slack.getMessage());
            assertFalse(FaultPlan.swarm().isNone());
        }
    }

    @Nested
    class TextForm {
        @Test
        void printsEnabledFaultsInDeclarationOrder() {
            FaultPlan plan = FaultPlan.none().with(FaultKind.DELAY_WAKE, 0.05).with(FaultKind.REORDER, 0.2)
                    .withMaxWakeDelay(6);
            assertEquals("faults[reorder=0.2, delay-wake=0.05, max-wake-delay=6]", plan.toString());
            assertEquals("faults[none]", FaultPlan.none().toString());
            assertEquals("faults[swarm]", FaultPlan.swarm().toString());
        }

        @Test
        void parseReadsBackWhatToStringPrints() {
            for (FaultPlan plan : new FaultPlan[] {FaultPlan.none(), FaultPlan.swarm(), FaultPlan.all(0.125),
                    FaultPlan.only(FaultKind.BUGGIFY, 1.0), FaultPlan.only(FaultKind.DUPLICATE_WAKE, 0.3)
                            .withMaxWakeDelay(2)}) {
                assertEquals(plan, FaultPlan.parse(plan.toString()), plan.toString());
            }
            assertEquals(FaultPlan.only(FaultKind.SPURIOUS_POLL, 0.5), FaultPlan.parse(" spurious-poll = 0.5 "));
        }

        @Test
        void parseSaysWhatIsMalformed() {
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> FaultPlan.parse("faults[spurious=0.1]"));
            assertTrue(unknown.getMessage().contains("unknown fault 'spurious'")
                    && unknown.getMessage().contains("spurious-poll"), unknown.getMessage());
            IllegalArgumentException number = assertThrows(IllegalArgumentException.class,
                    () -> FaultPlan.parse("reorder=often"));
            assertTrue(number.getMessage().contains("not a number: 'often'"), number.getMessage());
            assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("faults[reorder=0.1"));
            assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("reorder"));
        }

        @Test
        void aKeyGivenTwiceIsMalformedRatherThanTheLastOneWinning() {
            IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                    () -> FaultPlan.parse("reorder=0.1, spurious-poll=0.2, reorder=0.3"));
            assertTrue(twice.getMessage().contains("reorder is given twice"), twice.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> FaultPlan.parse("delay-wake=0.1, max-wake-delay=2, max-wake-delay=3"));
        }

        @Test
        void aTimerSlackTooLargeForNanosecondsIsAMalformedValue() {
            IllegalArgumentException parsed = assertThrows(IllegalArgumentException.class,
                    () -> FaultPlan.parse("timer-slack=0.1, max-timer-slack=99999999999999s"));
            assertTrue(parsed.getMessage().contains("value of max-timer-slack is too large"), parsed.getMessage());
            IllegalArgumentException built = assertThrows(IllegalArgumentException.class,
                    () -> FaultPlan.none().withMaxTimerSlack(java.time.Duration.ofSeconds(Long.MAX_VALUE)));
            assertTrue(built.getMessage().contains("too large"), built.getMessage());
            NullPointerException none = assertThrows(NullPointerException.class,
                    () -> FaultPlan.none().withMaxTimerSlack(null));
            assertTrue(none.getMessage().contains("window"), none.getMessage());
        }
    }

    @Nested
    class Swarm {
        @Test
        void allZeroChoicesDrawNoFaults() {
            Simulation sim = Simulation.builder().choices(ChoiceSource.replay(new int[0]))
                    .faults(FaultPlan.swarm()).build();
            assertTrue(sim.faultPlan().isNone());
        }

        @Test
        void runsDrawDifferentPlansAndTheSameSeedDrawsTheSamePlan() {
            Set<FaultPlan> plans = new HashSet<>();
            int plain = 0;
            for (long seed = 0; seed < 60; seed++) {
                FaultPlan a = Simulation.builder().seed(seed).faults(FaultPlan.swarm()).build().faultPlan();
                FaultPlan b = Simulation.builder().seed(seed).faults(FaultPlan.swarm()).build().faultPlan();
                assertEquals(a, b);
                assertFalse(a.isSwarm());
                for (FaultKind k : FaultKind.values()) {
                    List<Double> levels = k.isNetworkFault() ? FaultPlan.SWARM_NETWORK_LEVELS : FaultPlan.SWARM_LEVELS;
                    assertTrue(!a.enabled(k) || levels.contains(a.probability(k)), a.toString());
                }
                assertFalse(a.enabled(FaultKind.KILL) || a.enabled(FaultKind.DISK_ERROR), "swarm draws neither kill nor"
                        + " disk-error: " + a);
                plans.add(a);
                plain += a.isNone() ? 1 : 0;
            }
            // About SWARM_PLAIN_SHARE of the runs keep the plain plan; nearly every other run has its own.
            assertTrue(plain >= 38 && plain <= 56, plain + " plain plans in 60 runs");
            assertTrue(plans.size() >= 60 - plain, "only " + plans.size() + " distinct plans in 60 runs, "
                    + plain + " of them plain");
        }

        @Test
        void theDrawnPlanIsTheFirstEventOfTheTrace() {
            Simulation sim = Simulation.builder().seed(5).faults(FaultPlan.swarm()).build();
            TraceEvent first = sim.trace().events().get(0);
            assertTrue(first instanceof TraceEvent.Fault f && f.kind().equals("swarm-plan")
                    && f.detail().equals(sim.faultPlan().toString()), first.toString());
        }
    }
}
